import { describe, expect, it } from 'vitest';
import { frameUrl, pickUtm, readFrameParams } from './frameParams';

describe('pickUtm', () => {
  it('keeps the UTM tags of a page address and nothing else', () => {
    const params = new URLSearchParams('utm_source=yandex&utm_campaign=spring&gclid=1&page=2&utm_=x&UTM_TERM=y');
    expect(pickUtm(params)).toEqual({ utm_source: 'yandex', utm_campaign: 'spring' });
  });

  it('stays within what the session API accepts: ten tags, 300 characters each', () => {
    const many = new URLSearchParams(Array.from({ length: 12 }, (_, i) => [`utm_tag_${'x'.repeat(i)}`, 'v']));
    expect(Object.keys(pickUtm(many))).toHaveLength(10);
    expect(pickUtm(new URLSearchParams({ utm_source: 'я'.repeat(400) })).utm_source).toHaveLength(300);
    expect(pickUtm(new URLSearchParams('utm_source=&utm_medium=cpc'))).toEqual({ utm_medium: 'cpc' });
  });
});

describe('the frame address', () => {
  it('carries the key, colour, page, referrer and UTM from the loader to the frame', () => {
    const url = frameUrl({
      origin: 'https://app.aimax.ru',
      key: 'wk_abc',
      primaryColor: '#0f766e',
      pageUrl: 'https://remont.ru/kvartiry?utm_source=yandex#price',
      referrer: 'https://yandex.ru/',
      utm: { utm_source: 'yandex' },
    });
    expect(url.startsWith('https://app.aimax.ru/widget/frame?key=wk_abc&')).toBe(true);
    expect(readFrameParams(new URL(url).search)).toEqual({
      key: 'wk_abc',
      pageUrl: 'https://remont.ru/kvartiry?utm_source=yandex#price',
      referrer: 'https://yandex.ru/',
      utm: { utm_source: 'yandex' },
      primaryColor: '#0f766e',
      hostOrigin: 'https://remont.ru',
    });
  });

  it('clips long addresses, and trusts no colour or origin it cannot read', () => {
    const long = `https://remont.ru/?q=${'a'.repeat(3000)}`;
    const params = readFrameParams(`?key=wk_abc&page=${encodeURIComponent(long)}&color=red`);
    expect(params.pageUrl).toHaveLength(2000);
    expect(params.primaryColor).toBeNull();
    expect(readFrameParams('?key=wk_abc&page=file%3A%2F%2F%2Findex.html').hostOrigin).toBeNull();
    expect(readFrameParams('?key=wk_abc').hostOrigin).toBeNull();
  });
});
