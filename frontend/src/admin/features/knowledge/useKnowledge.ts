// The knowledge base as the page shows it: loaded when the page opens, read again every two
// seconds while an entry is being indexed (its status changes by itself), and changed at once by
// what the server answers to an action, until the list read right after it arrives.
import { useEffect, useState } from 'react';
import { api, type KnowledgeView } from '@/lib/api';
import { useResource } from '@/lib/useResource';
import { isIndexing } from './entries';

const POLL_MS = 2000;

const loadKnowledge = (signal: AbortSignal) => api.knowledge.get(signal);

export function useKnowledge() {
  const resource = useResource(loadKnowledge);
  // The view as changed by actions since the last load; a newer load replaces it.
  const [changed, setChanged] = useState<KnowledgeView | undefined>();
  const [loaded, setLoaded] = useState(resource.data);
  if (loaded !== resource.data) {
    setLoaded(resource.data);
    setChanged(undefined);
  }
  const view = changed ?? resource.data;

  const { reload, loading } = resource;
  const indexing = view ? isIndexing(view.entries) : false;
  useEffect(() => {
    if (!indexing || loading) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [indexing, loading, reload]);

  /** Shows what an action did, and reads the list again (a read begun before it would undo it). */
  const apply = (change: (view: KnowledgeView) => KnowledgeView) => {
    const base = resource.data;
    setChanged((current) => {
      const from = current ?? base;
      return from && change(from);
    });
    reload();
  };

  return { view, error: resource.error, reload, apply };
}

export type Knowledge = ReturnType<typeof useKnowledge>;
