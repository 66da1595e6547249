import { describe, expect, it } from 'vitest';
import { checkNewOrigin, MAX_ORIGINS, toOrigin } from './origins';

describe('toOrigin', () => {
  it('keeps an origin as it is', () => {
    expect(toOrigin('https://remont.ru')).toBe('https://remont.ru');
    expect(toOrigin('http://www.remont.ru')).toBe('http://www.remont.ru');
  });

  it('reads a bare domain as an https site', () => {
    expect(toOrigin('remont.ru')).toBe('https://remont.ru');
    expect(toOrigin('  www.remont.ru  ')).toBe('https://www.remont.ru');
  });

  it('drops the path, the query, the trailing slash and capitals', () => {
    expect(toOrigin('https://Remont.RU/')).toBe('https://remont.ru');
    expect(toOrigin('https://remont.ru/kontakty?utm_source=yandex#form')).toBe('https://remont.ru');
  });

  it('keeps a port other than the scheme’s own, and drops the usual one', () => {
    expect(toOrigin('https://remont.ru:8443/')).toBe('https://remont.ru:8443');
    expect(toOrigin('https://remont.ru:443')).toBe('https://remont.ru');
    expect(toOrigin('http://localhost:5173')).toBe('http://localhost:5173');
  });

  it('writes a Cyrillic domain in punycode, as browsers send it', () => {
    expect(toOrigin('ремонт.рф')).toBe('https://xn--e1aoddhq.xn--p1ai');
  });

  it('refuses what is not a web site address', () => {
    for (const input of ['', '   ', 'remont', 'remont ru', 'ftp://remont.ru', 'javascript:alert(1)', 'https://']) {
      expect(toOrigin(input), input).toBeNull();
    }
  });

  it('refuses host names the API would refuse', () => {
    expect(toOrigin('https://my_site.ru')).toBeNull();
    expect(toOrigin('https://[::1]:8080')).toBeNull();
  });
});

describe('checkNewOrigin', () => {
  it('accepts a new site in the API’s form', () => {
    expect(checkNewOrigin('remont.ru/price', ['https://www.remont.ru'])).toEqual({
      ok: true,
      origin: 'https://remont.ru',
    });
  });

  it('refuses an address that is not a site', () => {
    expect(checkNewOrigin('remont ru', [])).toEqual({ ok: false, problem: 'invalid' });
  });

  it('refuses a site already listed, however it was typed', () => {
    expect(checkNewOrigin('HTTPS://remont.ru/', ['https://remont.ru'])).toEqual({ ok: false, problem: 'duplicate' });
  });

  it('refuses a site past the limit', () => {
    const full = Array.from({ length: MAX_ORIGINS }, (_, index) => `https://site${index}.ru`);
    expect(checkNewOrigin('remont.ru', full)).toEqual({ ok: false, problem: 'full' });
  });
});
