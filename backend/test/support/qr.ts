// Reading QR codes back in tests: an image (PNG, or anything sharp opens) in, the decoded text out.
import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsqr is CommonJS whose types describe an ES default export: Node hands over module.exports.
const jsQR = jsQRModule.default;

/** The text of the QR code in the image, or null when none is found. */
export async function decodeQr(image: Buffer | Uint8Array): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  return jsQR(pixels, info.width, info.height)?.data ?? null;
}
