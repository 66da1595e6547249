import { describe, expect, it, vi } from 'vitest';
import { loadFirst } from './deliveryWindow';

const rows = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: `d${from + index}` }));

describe('loadFirst', () => {
  it('asks for a short window in one request', async () => {
    const page = vi.fn(async ({ offset, limit }) => ({ deliveries: rows(offset, limit), total: 57 }));
    const result = await loadFirst(20, page);
    expect(page.mock.calls).toEqual([[{ offset: 0, limit: 20 }]]);
    expect(result).toEqual({ deliveries: rows(0, 20), total: 57 });
  });

  it('asks for a window wider than the API serves in requests of 200', async () => {
    const page = vi.fn(async ({ offset, limit }) => ({ deliveries: rows(offset, limit), total: 1000 }));
    const result = await loadFirst(450, page);
    expect(page.mock.calls.map(([window]) => window)).toEqual([
      { offset: 0, limit: 200 },
      { offset: 200, limit: 200 },
      { offset: 400, limit: 50 },
    ]);
    expect(result.deliveries).toHaveLength(450);
  });

  it('stops at the end of the list', async () => {
    const page = vi.fn(async ({ offset }) => ({
      deliveries: rows(offset, Math.max(0, 230 - offset)).slice(0, 200),
      total: 230,
    }));
    const result = await loadFirst(600, page);
    expect(page).toHaveBeenCalledTimes(2);
    expect(result).toEqual({ deliveries: rows(0, 230), total: 230 });
  });

  it('keeps once a delivery pushed into the next request by a newer one', async () => {
    const page = vi.fn(async ({ offset, limit }) =>
      offset === 0 ? { deliveries: rows(0, limit), total: 401 } : { deliveries: rows(offset - 1, limit), total: 401 },
    );
    const result = await loadFirst(400, page);
    expect(result.deliveries).toHaveLength(399);
    expect(new Set(result.deliveries.map((delivery) => delivery.id)).size).toBe(399);
  });
});
