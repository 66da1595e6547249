// Who the visitor is and which conversation is theirs, so that a reload (or the next page of the
// site) resumes the same chat. Kept by a VisitKeeper: the customer's page through the loader (see
// host.ts), or the frame's own storage where no loader answers. The keeper may take a moment to be
// known (the page has to answer), so the first load waits for it; later loads are from memory.
// Where nothing can be kept, the visit lasts the page view.
import type { VisitKeeper } from '../visitKeeper';

export interface Visit {
  /** 22 URL-safe characters: what the API's `^[A-Za-z0-9_-]{16,64}$` accepts. */
  visitorId: string;
  /** The token that resumes the last session, or null before the first one. */
  token: string | null;
}

export interface VisitStore {
  /** The visit kept, or a new visitor; never fails. */
  load(): Promise<Visit>;
  save(visit: Visit): void;
}

/** A new visitor id: 16 random bytes in base64url. */
export function newVisitorId(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A kept visit, checked: the page hands back whatever its storage holds. */
export function parseVisit(text: string | null): Visit | null {
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

/** The visits kept by `keeper` (once it is known), or by nothing but memory when it is null. */
export function createVisitStore(keeper: VisitKeeper | PromiseLike<VisitKeeper> | null): VisitStore {
  const known = Promise.resolve(keeper).then(
    (kept) => kept,
    () => null,
  );
  let loading: Promise<Visit> | null = null;
  let memory: Visit | null = null;
  return {
    load() {
      loading ??= known.then((kept) => {
        memory ??= parseVisit(kept?.read() ?? null) ?? { visitorId: newVisitorId(), token: null };
        return memory;
      });
      return memory ? Promise.resolve(memory) : loading;
    },
    save(visit) {
      memory = visit;
      void known.then((kept) => kept?.write(JSON.stringify(visit)));
    },
  };
}
