import { describe, expect, it } from 'vitest';
import { imageFileProblem, MAX_IMAGE_BYTES } from './imageFile';

const file = (name: string, type: string, size = 50_000) => ({ name, type, size });

describe('imageFileProblem', () => {
  it('lets PNG, JPEG and WebP up to 2 MB through', () => {
    expect(imageFileProblem(file('logo.png', 'image/png'))).toBeNull();
    expect(imageFileProblem(file('photo.jpg', 'image/jpeg'))).toBeNull();
    expect(imageFileProblem(file('avatar.webp', 'image/webp', MAX_IMAGE_BYTES))).toBeNull();
  });

  it('refuses other formats, SVG included, in Russian', () => {
    for (const other of [
      file('logo.svg', 'image/svg+xml'),
      file('anim.gif', 'image/gif'),
      file('a.pdf', 'application/pdf'),
    ]) {
      expect(imageFileProblem(other)).toBe('Загрузите изображение в формате PNG, JPEG или WebP');
    }
  });

  it('refuses a file over 2 MB', () => {
    expect(imageFileProblem(file('big.png', 'image/png', MAX_IMAGE_BYTES + 1))).toBe(
      'Файл слишком большой: не больше 2 МБ',
    );
  });

  it('judges a file without a type by its name', () => {
    expect(imageFileProblem(file('logo.JPEG', ''))).toBeNull();
    expect(imageFileProblem(file('notes.txt', ''))).toBe('Загрузите изображение в формате PNG, JPEG или WebP');
  });
});
