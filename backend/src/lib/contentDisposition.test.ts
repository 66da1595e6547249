import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from './contentDisposition.ts';

describe('safeFileName', () => {
  it('removes control, bidi and zero-width characters and path separators', () => {
    expect(safeFileName('a\r\nb\u0000c\u202egpj.exe\u200b')).toBe('abcgpj.exe');
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
  });

  it('makes the name end in the stored object’s extension', () => {
    expect(safeFileName('invoice.html', 'pdf')).toBe('invoice.html.pdf');
    expect(safeFileName('Смета 12.PDF', 'pdf')).toBe('Смета 12.PDF');
    expect(safeFileName('', 'pdf')).toBe('file.pdf');
    expect(safeFileName('...', 'pdf')).toBe('file.pdf');
  });

  it('drops a half of a surrogate pair, which no header can carry', () => {
    expect(safeFileName('a\ud800b.pdf')).toBe('ab.pdf');
    expect(safeFileName('дом 🏠.pdf')).toBe('дом 🏠.pdf');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII stand-in and the UTF-8 name per RFC 6266 and 5987', () => {
    expect(contentDisposition('Счёт №1 (копия).pdf', 'inline')).toBe(
      `inline; filename="download.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%961%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29.pdf`,
    );
    expect(contentDisposition('say "hi".eml')).toBe(
      `attachment; filename="say _hi_.eml"; filename*=UTF-8''say%20%22hi%22.eml`,
    );
  });

  it('never puts a line break in the header', () => {
    expect(contentDisposition('a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});
