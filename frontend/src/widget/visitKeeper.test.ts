import { describe, expect, it } from 'vitest';
import { storageKeeper } from './visitKeeper';

const storage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => void items.set(name, value),
  };
};

const refuse = () => {
  throw new DOMException("Failed to read the 'localStorage' property from 'Window'", 'SecurityError');
};

describe('where a visit is kept', () => {
  it('keeps each widget’s visit under a name of its own', () => {
    const page = storage();
    storageKeeper('wk_a', () => page).write('{"visitorId":"a"}');
    storageKeeper('wk_b', () => page).write('{"visitorId":"b"}');
    expect(storageKeeper('wk_a', () => page).read()).toBe('{"visitorId":"a"}');
    expect([...page.items.keys()]).toEqual(['aimax:visit:wk_a', 'aimax:visit:wk_b']);
    expect(storageKeeper('wk_c', () => page).read()).toBeNull();
  });

  it('reads nothing and writes nowhere, without throwing, where storage is denied or full', () => {
    // A third-party frame: even reading `localStorage` throws.
    const denied = storageKeeper('wk_a', refuse);
    expect(denied.read()).toBeNull();
    expect(() => denied.write('{}')).not.toThrow();
    // A storage that is there but refuses each access (quota, disabled by the user).
    const refusing = storageKeeper('wk_a', () => ({ getItem: refuse, setItem: refuse }));
    expect(refusing.read()).toBeNull();
    expect(() => refusing.write('{}')).not.toThrow();
    const none = storageKeeper('wk_a', () => null);
    expect(none.read()).toBeNull();
    expect(() => none.write('{}')).not.toThrow();
  });
});
