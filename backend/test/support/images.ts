// Images made on the spot for upload tests.
import sharp from 'sharp';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 79, g: 70, b: 229 } } });

export const pngImage = (width = 1600, height = 600) => solid(width, height).png().toBuffer();
export const webpImage = (width = 300, height = 300) => solid(width, height).webp().toBuffer();

/** A JPEG carrying EXIF (camera and GPS-like fields) that must not survive the upload. */
export const jpegWithExif = () =>
  solid(640, 480)
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Artist: 'Иван, ул. Ленина 1' } })
    .toBuffer();

export const gifImage = () => solid(50, 50).gif().toBuffer();

export const svgImage = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
);

/** Small on disk, enormous once decoded: refused before it is decoded. */
export const decompressionBomb = () =>
  sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();
