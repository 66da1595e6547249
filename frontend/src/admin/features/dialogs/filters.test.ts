import { describe, expect, it } from 'vitest';
import { filterFromParams, hasFilters, paramsFromFilter } from './filters';

describe('the dialogs filters in the address', () => {
  it('reads the state, the period and the search', () => {
    const params = new URLSearchParams('state=waiting_operator&from=2026-11-01&to=2026-11-30&q=%20Игорь%20&offset=20');
    expect(filterFromParams(params)).toEqual({
      state: 'waiting_operator',
      from: '2026-11-01',
      to: '2026-11-30',
      q: 'Игорь',
    });
  });

  it('drops values the API would refuse', () => {
    expect(filterFromParams(new URLSearchParams('state=new&from=01.11.2026&to=&q=%20%20'))).toEqual({});
    expect(filterFromParams(new URLSearchParams({ q: 'ремонт '.repeat(20) }))).toEqual({});
    expect(filterFromParams(new URLSearchParams('state=closed'))).toEqual({ state: 'closed' });
  });

  it('writes only what is set, the page last', () => {
    expect(paramsFromFilter({ state: 'operator', q: '916 123' }, 40)).toEqual({
      state: 'operator',
      q: '916 123',
      offset: '40',
    });
    expect(paramsFromFilter({ q: ' ' }, 0)).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ q: 'ванная' })).toBe(true);
  });
});
