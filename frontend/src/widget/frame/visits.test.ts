import { describe, expect, it } from 'vitest';
import { createVisitStore, newVisitorId } from './visits';

const storage = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (n: string, v: string) => void items.set(n, v),
  };
};

describe('visits', () => {
  it('makes visitor ids the API accepts', () => {
    expect(newVisitorId(new Uint8Array(16).fill(255))).toBe('_____________________w');
    expect(newVisitorId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps one visit per widget key, and the same visitor across loads', () => {
    const kept = storage();
    const first = createVisitStore('wk_a', kept).load();
    expect(first.token).toBeNull();
    createVisitStore('wk_a', kept).save({ ...first, token: 'token-1' });
    expect(createVisitStore('wk_a', kept).load()).toEqual({ visitorId: first.visitorId, token: 'token-1' });
    expect(createVisitStore('wk_b', kept).load().visitorId).not.toBe(first.visitorId);
  });

  it('starts afresh over what it cannot read, and lasts the page view where storage is refused', () => {
    const broken = storage({ 'aimax:visit:wk_a': '{"visitorId":"../x","token":"t"}' });
    expect(createVisitStore('wk_a', broken).load().token).toBeNull();
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    const visits = createVisitStore('wk_a', refusing);
    const visit = visits.load();
    visits.save({ ...visit, token: 'token-1' });
    expect(visits.load()).toEqual({ visitorId: visit.visitorId, token: 'token-1' });
    expect(createVisitStore('wk_a', null).load().token).toBeNull();
  });
});
