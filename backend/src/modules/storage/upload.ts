// The one file of a multipart upload, in the field `file`, read whole. Closed like every request
// schema: another field, a second file or a file over `maxBytes` is refused with a field message.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

export interface Upload {
  data: Buffer;
  /** The name the browser sent, without any folder. */
  filename: string;
  /** The type the browser declared; only a hint, the bytes decide. */
  mimetype: string;
}

export async function uploadedFile(
  request: FastifyRequest,
  options: { maxBytes: number; tooLarge: string },
): Promise<Upload> {
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: options.maxBytes, files: 1 } })) {
      if (part.type !== 'file') {
        const message = `Поле «${part.fieldname}» не поддерживается`;
        throw new AppError('VALIDATION_FAILED', { message, fields: { [part.fieldname]: message } });
      }
      if (part.fieldname !== 'file') {
        throw new AppError('BAD_REQUEST', {
          message: 'Файл ожидается в поле «file»',
          fields: { file: 'Выберите файл' },
        });
      }
      const data = await part.toBuffer();
      upload = { data, filename: part.filename.split(/[\\/]/).pop() ?? '', mimetype: part.mimetype };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', { message: options.tooLarge, fields: { file: options.tooLarge } });
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new AppError('BAD_REQUEST', { message: 'Загрузите один файл', fields: { file: 'Загрузите один файл' } });
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw error;
    // Everything else here is the multipart parser failing on the request's bytes: no boundary,
    // no parts, a part cut short, broken part headers.
    throw new AppError('UPLOAD_MALFORMED', { fields: { file: 'Загрузите файл ещё раз' } });
  }
  if (!upload) throw new AppError('FILE_REQUIRED', { fields: { file: 'Выберите файл для загрузки' } });
  return upload;
}
