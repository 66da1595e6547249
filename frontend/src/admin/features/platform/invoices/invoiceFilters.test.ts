import { describe, expect, it } from 'vitest';
import { hasFilters, invoiceFiltersOf } from './invoiceFilters';

const filtersOf = (search: string) => invoiceFiltersOf(new URLSearchParams(search));

describe('invoiceFiltersOf', () => {
  it('reads every filter from the address', () => {
    expect(
      filtersOf(
        'q=2026-000001&status=overdue&tenantId=0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02&from=2026-03-01&to=2026-03-31&offset=20',
      ),
    ).toEqual({
      q: '2026-000001',
      status: 'overdue',
      tenantId: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02',
      from: '2026-03-01',
      to: '2026-03-31',
      offset: 20,
    });
  });

  it('starts unfiltered, from the first page', () => {
    expect(filtersOf('')).toEqual({
      q: '',
      status: undefined,
      tenantId: undefined,
      from: undefined,
      to: undefined,
      offset: 0,
    });
  });

  it('drops what the API would refuse', () => {
    expect(filtersOf('status=lost&tenantId=42&from=01.03.2026&to=2026-3-1&offset=-5')).toEqual(filtersOf(''));
    expect(filtersOf('offset=abc').offset).toBe(0);
  });
});

describe('hasFilters', () => {
  it('counts what a person set on this page, not the company a link chose', () => {
    expect(hasFilters(filtersOf('tenantId=0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02'))).toBe(false);
    expect(hasFilters(filtersOf('status=paid'))).toBe(true);
    expect(hasFilters(filtersOf('to=2026-03-31'))).toBe(true);
  });
});
