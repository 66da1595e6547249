// The titles of the entries a dialog's AI replies drew on, read from the knowledge base when the
// dialog names any, and again when a new reply names one not read yet.
import type { MessageView } from '@aimax/backend/contracts';
import { useCallback } from 'react';
import { api } from '@/lib/api';
import { useResource } from '@/lib/useResource';
import { referencedIds } from './sources';

/** Titles by entry id; undefined until read (or when reading failed). */
export function useKnowledgeTitles(messages: readonly MessageView[]): ReadonlyMap<string, string> | undefined {
  const key = referencedIds(messages).join(',');
  const load = useCallback(
    async (signal: AbortSignal): Promise<ReadonlyMap<string, string>> => {
      if (!key) return new Map();
      const { entries } = await api.knowledge.get(signal);
      return new Map(entries.map((entry) => [entry.id, entry.title]));
    },
    [key],
  );
  return useResource(load).data;
}
