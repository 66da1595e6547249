import { describe, expect, it } from 'vitest';
import { storageKeeper, type VisitKeeper } from '../visitKeeper';
import { createVisitStore, newVisitorId } from './visits';

const storage = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (n: string, v: string) => void items.set(n, v),
  };
};

const kept = (items: ReturnType<typeof storage>, key = 'wk_a') => storageKeeper(key, () => items);

describe('visits', () => {
  it('makes visitor ids the API accepts', () => {
    expect(newVisitorId(new Uint8Array(16).fill(255))).toBe('_____________________w');
    expect(newVisitorId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps one visit per widget key, and the same visitor across loads', async () => {
    const items = storage();
    const first = await createVisitStore(kept(items)).load();
    expect(first.token).toBeNull();
    createVisitStore(kept(items)).save({ ...first, token: 'token-1' });
    await expect
      .poll(() => createVisitStore(kept(items)).load())
      .toEqual({ visitorId: first.visitorId, token: 'token-1' });
    expect((await createVisitStore(kept(items, 'wk_b')).load()).visitorId).not.toBe(first.visitorId);
  });

  it('reads the keeper once it is known, and from memory after that', async () => {
    let reads = 0;
    let known: (keeper: VisitKeeper) => void = () => {};
    const visits = createVisitStore(new Promise<VisitKeeper>((resolve) => (known = resolve)));
    const loading = visits.load();
    known({
      read: () => {
        reads++;
        return JSON.stringify({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' });
      },
      write: () => {},
    });
    expect(await loading).toEqual({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' });
    visits.save({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-2' });
    expect(await visits.load()).toEqual({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-2' });
    expect(reads).toBe(1);
  });

  it('starts afresh over what it cannot read, and lasts the page view where nothing can be kept', async () => {
    for (const text of ['{"visitorId":"../x","token":"t"}', 'not json', 'null', '"Vis1tor-0123456789abcd"']) {
      expect((await createVisitStore(kept(storage({ 'aimax:visit:wk_a': text }))).load()).token).toBeNull();
    }
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    for (const keeper of [storageKeeper('wk_a', () => refusing), null]) {
      const visits = createVisitStore(keeper);
      const visit = await visits.load();
      visits.save({ ...visit, token: 'token-1' });
      expect(await visits.load()).toEqual({ visitorId: visit.visitorId, token: 'token-1' });
    }
    const failing = createVisitStore(Promise.reject(new Error('no keeper')));
    expect((await failing.load()).token).toBeNull();
  });
});
