import { describe, expect, it } from 'vitest';
import { utmTagsOf } from './utm';

describe('utmTagsOf', () => {
  it('puts the standard tags in their usual order, whatever order they were stored in', () => {
    expect(
      utmTagsOf({ utm_medium: 'cpc', utm_term: 'ремонт', utm_source: 'yandex', utm_campaign: 'msk', utm_content: 'a' }),
    ).toEqual([
      ['utm_source', 'yandex'],
      ['utm_medium', 'cpc'],
      ['utm_campaign', 'msk'],
      ['utm_term', 'ремонт'],
      ['utm_content', 'a'],
    ]);
  });

  it('lists other tags after them, by name', () => {
    expect(utmTagsOf({ utm_region: 'spb', utm_id: '7', utm_source: 'vk' })).toEqual([
      ['utm_source', 'vk'],
      ['utm_id', '7'],
      ['utm_region', 'spb'],
    ]);
  });

  it('has nothing to list without tags', () => {
    expect(utmTagsOf({})).toEqual([]);
  });
});
