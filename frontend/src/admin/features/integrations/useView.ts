// A card's server data, which the card's own changes replace as the server answers them (a
// connection, a save), until the next load brings the server's word again.
import { useState } from 'react';
import { useResource } from '@/lib/useResource';

/** `load` must be stable between renders, as for useResource. */
export function useView<T>(load: (signal: AbortSignal) => Promise<T>) {
  const resource = useResource(load);
  const [changed, setChanged] = useState<T | undefined>();
  const [loaded, setLoaded] = useState(resource.data);
  if (loaded !== resource.data) {
    setLoaded(resource.data);
    setChanged(undefined);
  }
  return { ...resource, view: changed ?? resource.data, setView: setChanged };
}
