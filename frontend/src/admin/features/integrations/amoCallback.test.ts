import { describe, expect, it } from 'vitest';
import { readAmoCallback, withoutAmoCallback } from './amoCallback';

describe('readAmoCallback', () => {
  it('reads a connection', () => {
    expect(readAmoCallback(new URLSearchParams('amocrm=connected'))).toEqual({ outcome: 'connected' });
  });

  it('reads a failure with its reason decoded, or without one', () => {
    const reason = encodeURIComponent('Доступ не предоставлен');
    expect(readAmoCallback(new URLSearchParams(`amocrm=error&reason=${reason}`))).toEqual({
      outcome: 'error',
      reason: 'Доступ не предоставлен',
    });
    expect(readAmoCallback(new URLSearchParams('amocrm=error&reason=%20'))).toEqual({ outcome: 'error', reason: null });
  });

  it('cuts a reason too long to be one', () => {
    const callback = readAmoCallback(new URLSearchParams({ amocrm: 'error', reason: 'а'.repeat(1000) }));
    expect(callback?.outcome === 'error' && callback.reason?.length).toBe(300);
  });

  it('finds nothing in an address without the callback, or with an unknown outcome', () => {
    expect(readAmoCallback(new URLSearchParams('tab=1'))).toBeNull();
    expect(readAmoCallback(new URLSearchParams('amocrm=maybe'))).toBeNull();
  });
});

describe('withoutAmoCallback', () => {
  it('takes off the callback and keeps the rest', () => {
    expect(withoutAmoCallback(new URLSearchParams('amocrm=error&reason=x&tab=1')).toString()).toBe('tab=1');
  });
});
