import { describe, expect, it } from 'vitest';
import { filterFromParams, hasFilters, paramsFromFilter } from './pipeline';

describe('the leads filters in the address', () => {
  it('reads the filters the API takes', () => {
    const params = new URLSearchParams(
      'status=measurement&assignee=0b7c2a43-5a8e-4d7e-9a51-3c1f2f0e8d11&from=2026-11-01&to=2026-11-30&offset=20',
    );
    expect(filterFromParams(params)).toEqual({
      status: 'measurement',
      assignee: '0b7c2a43-5a8e-4d7e-9a51-3c1f2f0e8d11',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('drops values the API would refuse', () => {
    expect(filterFromParams(new URLSearchParams('status=won&assignee=Олег&from=01.11.2026&to='))).toEqual({});
    expect(filterFromParams(new URLSearchParams('assignee=none'))).toEqual({ assignee: 'none' });
  });

  it('writes only what is set, the page last', () => {
    expect(paramsFromFilter({ status: 'rejected', from: '2026-11-01' }, 40)).toEqual({
      status: 'rejected',
      from: '2026-11-01',
      offset: '40',
    });
    expect(paramsFromFilter({}, 0)).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ to: '2026-11-30' })).toBe(true);
  });
});
