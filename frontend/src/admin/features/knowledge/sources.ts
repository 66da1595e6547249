// The knowledge entries an AI reply drew on: the reply keeps their ids (`data.knowledge`), and
// the dialog's page names them by their titles as they are now.
import type { MessageView } from '@aimax/backend/contracts';

/** The ids a stored reply names; anything else in `data.knowledge` is not ours to show. */
export function knowledgeIdsOf(message: Pick<MessageView, 'role' | 'data'>): string[] {
  const ids = message.role === 'bot' ? message.data.knowledge : undefined;
  if (!Array.isArray(ids)) return [];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** Every entry the dialog's replies name, each once, in a stable order (a key to read titles by). */
export const referencedIds = (messages: readonly Pick<MessageView, 'role' | 'data'>[]): string[] =>
  [...new Set(messages.flatMap(knowledgeIdsOf))].sort();
