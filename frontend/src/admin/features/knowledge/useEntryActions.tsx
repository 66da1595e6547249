// What the owner does to an entry, from the list or from its page: switch it off and on, change
// it, index it again, delete it after a confirmation. Each answers with the entry as it now is.
import { type ReactNode, useState } from 'react';
import { api, type EntryView, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { PairDialog } from './PairDialog';
import { TextDocumentDialog } from './TextDocumentDialog';

/** What a dialog is about; kept after closing so its text stays put while it fades out. */
interface Pending<T> {
  target: T;
  open: boolean;
}

interface EntryActionsOptions {
  onChanged(entry: EntryView): void;
  onDeleted(entry: EntryView): void;
}

export interface EntryActions {
  toggle(entry: EntryView, enabled: boolean): void;
  edit(entry: EntryView): void;
  reindex(entry: EntryView): void;
  remove(entry: EntryView): void;
  /** Entries whose change is on its way: their controls wait. */
  busy: ReadonlySet<string>;
  /** The editors and the confirmation, to render once beside the controls. */
  dialogs: ReactNode;
}

export function useEntryActions({ onChanged, onDeleted }: EntryActionsOptions): EntryActions {
  const text = t.knowledge;
  const [editing, setEditing] = useState<Pending<EntryView> | null>(null);
  const [removing, setRemoving] = useState<Pending<EntryView> | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  const run = async (entry: EntryView, action: () => Promise<EntryView>, done: (changed: EntryView) => string) => {
    setBusy((current) => new Set(current).add(entry.id));
    try {
      const changed = await action();
      onChanged(changed);
      toast(done(changed));
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(entry.id);
        return next;
      });
    }
  };

  const toggle = (entry: EntryView, enabled: boolean) =>
    void run(
      entry,
      () => api.knowledge.update(entry.id, { enabled }),
      (changed) => (changed.enabled ? text.enabledOn(changed.title) : text.enabledOff(changed.title)),
    );

  const reindex = (entry: EntryView) =>
    void run(
      entry,
      () => api.knowledge.reindex(entry.id),
      (changed) => text.reindexed(changed.title),
    );

  const closeEditor = () => setEditing((current) => current && { ...current, open: false });
  const saved = (changed: EntryView) => {
    onChanged(changed);
    toast(changed.kind === 'qa' ? text.pair.saved : text.text.saved(changed.title));
  };
  const target = editing?.target;

  const dialogs = (
    <>
      <TextDocumentDialog
        open={editing?.open === true && target?.kind === 'document'}
        onClose={closeEditor}
        entry={target}
        onSaved={saved}
      />
      <PairDialog
        open={editing?.open === true && target?.kind === 'qa'}
        onClose={closeEditor}
        entry={target}
        onSaved={saved}
      />
      <ConfirmDialog
        open={removing?.open ?? false}
        onClose={() => setRemoving((current) => current && { ...current, open: false })}
        title={text.remove.title}
        description={removing && text.remove.text(removing.target.title)}
        confirmLabel={text.remove.confirm}
        onConfirm={async () => {
          if (!removing) return;
          await api.knowledge.remove(removing.target.id);
          toast(text.remove.done(removing.target.title));
          onDeleted(removing.target);
        }}
      />
    </>
  );

  return {
    toggle,
    edit: (entry) => setEditing({ target: entry, open: true }),
    reindex,
    remove: (entry) => setRemoving({ target: entry, open: true }),
    busy,
    dialogs,
  };
}
