// Where a visit (see frame/visits.ts) is kept between page views, as the text the frame reads back
// and checks. Shared by the loader, which keeps it in the customer's page's storage, and the frame,
// which falls back on its own storage when no loader answers. Storage can throw on any access (a
// third-party frame is denied it, a full or disabled storage refuses writes): then nothing is
// read and nothing written, and the visit lasts as long as the page view.

export interface VisitKeeper {
  read(): string | null;
  write(visit: string): void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The visit of one widget in a browser storage, under a name of its own per widget key. */
export function storageKeeper(widgetKey: string, storage: () => KeyValueStorage | null): VisitKeeper {
  const name = `aimax:visit:${widgetKey}`;
  return {
    read() {
      try {
        return storage()?.getItem(name) ?? null;
      } catch {
        return null;
      }
    },
    write(visit) {
      try {
        storage()?.setItem(name, visit);
      } catch {
        // Full or denied: what the frame holds in memory is all there is.
      }
    },
  };
}
