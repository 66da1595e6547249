// «Добавить в базу знаний» beside a manager's answer on a dialog's page: the server drafts a pair
// from it (the visitor's words it answered as the question), the manager edits both and saves it
// as learnt from this dialog, and a toast leads to the new entry.
import { type ReactNode, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { entryPath } from './EntryParts';
import { PairDialog, type PairDraft } from './PairDialog';

export interface PairFromMessage {
  start(messageId: string): void;
  /** The message whose draft is being fetched. */
  loadingId: string | null;
  /** The editor, to render once on the page. */
  dialog: ReactNode;
}

export function usePairFromMessage(dialogId: string): PairFromMessage {
  const [loadingId, setLoadingId] = useState<string | null>(null);
  // Kept after closing so the editor's text stays put while it fades out.
  const [editor, setEditor] = useState<{ open: boolean; draft: PairDraft } | null>(null);

  const start = async (messageId: string) => {
    if (loadingId) return;
    setLoadingId(messageId);
    try {
      const draft = await api.dialogs.pairDraft(dialogId, messageId);
      setEditor({
        open: true,
        draft: { questions: draft.question ? [draft.question] : [], answer: draft.answer, dialogId: draft.dialogId },
      });
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setLoadingId(null);
    }
  };

  const dialog = (
    <PairDialog
      open={editor?.open ?? false}
      onClose={() => setEditor((current) => current && { ...current, open: false })}
      draft={editor?.draft}
      onSaved={(entry) =>
        toast(t.knowledge.pair.created, 'success', { label: t.knowledge.pair.open, to: entryPath(entry.id) })
      }
    />
  );

  return { start: (messageId) => void start(messageId), loadingId, dialog };
}
