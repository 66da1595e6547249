// One error handler for the whole API: AppErrors keep their code, validation errors become
// VALIDATION_FAILED with a Russian message per field, Fastify's own 4xx errors get codes of ours,
// and anything unexpected is logged and answered with a 500 that hides the details.
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isUnstorableText } from '../db/errors.ts';
import { AppError, type ErrorCode } from '../errors.ts';

// ajv-i18n's typings declare an ES default export the CommonJS file does not have.
const localize = createRequire(import.meta.url)('ajv-i18n/localize/ru') as (errors: ErrorObject[]) => void;

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_FILES_LIMIT: 'BAD_REQUEST',
  FST_PARTS_LIMIT: 'BAD_REQUEST',
};

const pathOf = (error: ErrorObject): string[] => {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') return [...path, String(error.params.missingProperty)];
  if (error.keyword === 'additionalProperties') return [...path, String(error.params.additionalProperty)];
  return path;
};

const messageOf = (error: ErrorObject): string => {
  if (error.keyword === 'required') return 'Заполните это поле';
  if (error.keyword === 'additionalProperties') return `Поле «${error.params.additionalProperty}» не поддерживается`;
  return error.message ?? 'Некорректное значение';
};

/** Per-field Russian messages: the schema's own `errorMessage` where it has one, else ajv-i18n's. */
export function describeValidation(errors: ErrorObject[]): { message: string; fields: Record<string, string> } {
  // Messages a schema wrote itself (ajv-errors, keyword `errorMessage`) are already Russian.
  localize(errors.filter((error) => error.keyword !== 'errorMessage'));
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const field = pathOf(error).join('.');
    const message = messageOf(error);
    // ajv-errors puts the custom message first; keep the first message for each field.
    if (field && !(field in fields)) fields[field] = message;
  }
  const first = Object.values(fields)[0];
  return { message: first ?? 'Проверьте введённые данные', fields };
}

/**
 * Fastify's router answers some requests before any handler or hook: a path that is not valid
 * percent-encoding, a path parameter over its length limit. They get our error shape too.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const appError = new AppError(
    error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'BAD_URL' : 'BAD_REQUEST',
  );
  reply.code(appError.status).send(appError.toBody());
}

export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).headers(error.headers).send(error.toBody());
    }
    if (error.validation) {
      const { message, fields } = describeValidation(error.validation as ErrorObject[]);
      const appError = new AppError('VALIDATION_FAILED', { message, fields });
      return reply.code(appError.status).send(appError.toBody());
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) {
      const appError = new AppError(mapped);
      return reply.code(appError.status).send(appError.toBody());
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(new AppError('BAD_REQUEST').toBody());
    }
    if (isUnstorableText(error)) {
      const appError = new AppError('VALIDATION_FAILED', { message: 'Недопустимый символ в тексте' });
      return reply.code(appError.status).send(appError.toBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(new AppError('INTERNAL').toBody());
  });
});
