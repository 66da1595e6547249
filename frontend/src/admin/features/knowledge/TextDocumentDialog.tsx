// The editor of a document: a new one from pasted text, or an entry's title and (for pasted text)
// its text. A file's text is the file's, so only its title changes here.
import { useState } from 'react';
import { api, type EntryView, type UpdateEntryBody } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';

/** The API's limit on a title. */
const TITLE_MAX = 200;

interface TextDocumentDialogProps {
  open: boolean;
  onClose(): void;
  /** The document being changed; without it a new one is added. */
  entry?: EntryView;
  onSaved(entry: EntryView): void;
}

export function TextDocumentDialog({ open, onClose, entry, onSaved }: TextDocumentDialogProps) {
  const [busy, setBusy] = useState(false);
  const text = t.knowledge.text;
  const isFile = entry !== undefined && entry.body === null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size={isFile ? 'md' : 'lg'}
      title={entry ? text.editTitle : text.createTitle}
      description={isFile ? text.fileDescription : text.description}
    >
      <TextDocumentForm entry={entry} onBusy={setBusy} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

interface TextDocumentFormProps extends Omit<TextDocumentDialogProps, 'open'> {
  onBusy(busy: boolean): void;
}

/** Made afresh each time the dialog opens. */
function TextDocumentForm({ entry, onBusy, onClose, onSaved }: TextDocumentFormProps) {
  const text = t.knowledge.text;
  const form = useForm({ title: entry?.title ?? '', body: entry?.body ?? '' });
  const editsText = entry === undefined || entry.body !== null;

  const submit = form.onSubmit(async (values) => {
    onBusy(true);
    try {
      if (!entry) {
        onSaved(await api.knowledge.addText(values));
      } else {
        // Only what changed is sent: an unchanged text is not indexed again.
        const changes: UpdateEntryBody = {};
        if (values.title !== entry.title) changes.title = values.title;
        if (editsText && values.body !== entry.body) changes.body = values.body;
        if (Object.keys(changes).length > 0) onSaved(await api.knowledge.update(entry.id, changes));
      }
      onClose();
    } finally {
      onBusy(false);
    }
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        {...form.field('title')}
        label={text.title}
        placeholder={text.titlePlaceholder}
        maxLength={TITLE_MAX}
        autoComplete="off"
      />
      {editsText && (
        <TextAreaField
          {...form.field('body')}
          label={text.body}
          placeholder={text.bodyPlaceholder}
          rows={14}
          className="[&_textarea]:font-mono [&_textarea]:text-[13px]"
        />
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={form.submitting}>
          {t.common.cancel}
        </Button>
        <Button type="submit" loading={form.submitting}>
          {entry ? text.save : text.create}
        </Button>
      </DialogActions>
    </form>
  );
}
