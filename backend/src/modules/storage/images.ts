// Uploaded images are decoded and re-encoded before anything is stored: the bytes we serve are
// always ours (no polyglot files, no scripts, no EXIF with the photographer's location).
import sharp from 'sharp';
import { AppError } from '../../errors.ts';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** How each kind of image is shaped: a logo keeps its proportions, an avatar becomes a square. */
const PRESETS = {
  logo: { width: 800, height: 400, fit: 'inside' },
  avatar: { width: 256, height: 256, fit: 'cover' },
} as const;

export type ImagePreset = keyof typeof PRESETS;

const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);

export interface ProcessedImage {
  data: Buffer;
  contentType: 'image/webp';
  extension: 'webp';
  width: number;
  height: number;
}

const unsupported = () =>
  new AppError('UNSUPPORTED_IMAGE', {
    fields: { file: 'Загрузите изображение в формате PNG, JPEG или WebP' },
  });

export async function processImage(input: Buffer, preset: ImagePreset): Promise<ProcessedImage> {
  // The format is read from the bytes; the file name and the declared type are not trusted.
  // limitInputPixels refuses decompression bombs: a small file that decodes to gigapixels.
  const image = sharp(input, { limitInputPixels: 40_000_000, failOn: 'error' });
  let format: string | undefined;
  try {
    format = (await image.metadata()).format;
  } catch {
    throw unsupported();
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw unsupported();

  const { width, height, fit } = PRESETS[preset];
  try {
    const { data, info } = await image
      .rotate() // applies the EXIF orientation before the metadata is dropped
      .resize({ width, height, fit, withoutEnlargement: true })
      .webp({ quality: 88, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return { data, contentType: 'image/webp', extension: 'webp', width: info.width, height: info.height };
  } catch {
    throw unsupported();
  }
}
