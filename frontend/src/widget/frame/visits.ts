// Who the visitor is and which conversation is theirs, kept in the frame's localStorage under the
// widget key, so that a reload (or the next page of the site) resumes the same chat. Browsers that
// refuse storage to a frame (blocked cookies, private modes) get a visit that lasts the page view.

export interface Visit {
  /** 22 URL-safe characters: what the API's `^[A-Za-z0-9_-]{16,64}$` accepts. */
  visitorId: string;
  /** The token that resumes the last session, or null before the first one. */
  token: string | null;
}

export interface VisitStore {
  load(): Visit;
  save(visit: Visit): void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** A new visitor id: 16 random bytes in base64url. */
export function newVisitorId(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

function parseVisit(text: string | null): Visit | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { visitorId, token } = value as Record<string, unknown>;
    if (typeof visitorId !== 'string' || !VISITOR_ID.test(visitorId)) return null;
    return { visitorId, token: typeof token === 'string' && token ? token : null };
  } catch {
    return null;
  }
}

/** localStorage, or null where reading it throws (a frame denied storage). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function createVisitStore(widgetKey: string, storage: KeyValueStorage | null): VisitStore {
  const name = `aimax:visit:${widgetKey}`;
  let memory: Visit | null = null;
  return {
    load() {
      if (!memory) {
        let stored: string | null = null;
        try {
          stored = storage?.getItem(name) ?? null;
        } catch {
          stored = null;
        }
        memory = parseVisit(stored) ?? { visitorId: newVisitorId(), token: null };
      }
      return memory;
    },
    save(visit) {
      memory = visit;
      try {
        storage?.setItem(name, JSON.stringify(visit));
      } catch {
        // Storage full or denied: the visit still lasts as long as this page.
      }
    },
  };
}
