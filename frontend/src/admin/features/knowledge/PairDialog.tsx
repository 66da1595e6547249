// The editor of a curated question-and-answer pair: the ways clients ask the question, as a list
// of phrasings to add to and take from, and the answer the bot gives to any of them. It adds a
// new pair (from the list, a near miss, a check, or a manager's answer in a dialog) or changes one.
import { Plus, X } from 'lucide-react';
import { type KeyboardEvent, useRef, useState } from 'react';
import { api, type EntryView } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button, IconButton } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { useForm } from '@/lib/useForm';
import { MAX_PHRASINGS, phrasingsToSend } from './entries';

/** The API's limit on the answer. */
const ANSWER_MAX = 4000;

export interface PairDraft {
  questions: string[];
  answer: string;
  /** The dialog the pair is learnt from, when it comes from a manager's answer. */
  dialogId?: string;
}

interface PairDialogProps {
  open: boolean;
  onClose(): void;
  /** The pair being changed; without it a new pair is added from `draft`. */
  entry?: EntryView;
  draft?: PairDraft;
  onSaved(entry: EntryView): void;
}

export function PairDialog({ open, onClose, entry, draft, onSaved }: PairDialogProps) {
  const [busy, setBusy] = useState(false);
  const text = t.knowledge.pair;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={entry ? text.editTitle : text.createTitle}
      description={draft?.dialogId ? text.fromDialog : text.description}
    >
      <PairForm entry={entry} draft={draft} onBusy={setBusy} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

interface PairFormProps extends Omit<PairDialogProps, 'open'> {
  onBusy(busy: boolean): void;
}

/** Made afresh each time the dialog opens, from the pair or the draft it opens with. */
function PairForm({ entry, draft, onBusy, onClose, onSaved }: PairFormProps) {
  const text = t.knowledge.pair;
  const form = useForm({
    questions: entry?.questions ?? (draft?.questions.length ? draft.questions : ['']),
    answer: entry?.answer ?? draft?.answer ?? '',
  });
  const inputs = useRef<Array<HTMLTextAreaElement | null>>([]);
  const { questions } = form.values;

  const setQuestion = (index: number, value: string) =>
    form.setValue(
      'questions',
      questions.map((question, at) => (at === index ? value : question)),
    );

  const addQuestion = () => {
    if (questions.length >= MAX_PHRASINGS) return;
    form.setValue('questions', [...questions, '']);
    // The new field is there after the render this change causes.
    requestAnimationFrame(() => inputs.current[questions.length]?.focus());
  };

  const removeQuestion = (index: number) => {
    form.setValue(
      'questions',
      questions.filter((_, at) => at !== index),
    );
    inputs.current[Math.max(0, index - 1)]?.focus();
  };

  // A phrasing is one line: Enter in it starts the next one, as in a list.
  const onQuestionKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>, index: number) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (index === questions.length - 1) addQuestion();
    else inputs.current[index + 1]?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    // Blank phrasings left over are dropped before sending, so the server's messages about the
    // others point at the fields as they are then.
    const sent = phrasingsToSend(values.questions);
    if (sent.length !== values.questions.length) form.setValue('questions', sent);
    onBusy(true);
    try {
      const saved = entry
        ? await api.knowledge.update(entry.id, { questions: sent, answer: values.answer })
        : await api.knowledge.addPair({
            questions: sent,
            answer: values.answer,
            ...(draft?.dialogId ? { dialogId: draft.dialogId } : {}),
          });
      onSaved(saved);
      onClose();
    } finally {
      onBusy(false);
    }
  });

  const listError = form.errorOf('questions');
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-5">
      {form.formError && <Alert>{form.formError}</Alert>}
      <fieldset className="min-w-0">
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">{text.questions}</legend>
        <ol className="space-y-2">
          {questions.map((question, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: phrasings have no ids; their place is what the server's messages name
            <li key={index} className="flex items-start gap-2">
              {/* A text area that grows, as a question drafted from a dialog may be long. */}
              <TextAreaField
                ref={(element) => {
                  inputs.current[index] = element;
                }}
                name={`questions.${index}`}
                label={text.question(index + 1)}
                value={question}
                rows={1}
                placeholder={index === 0 ? text.questionPlaceholder : undefined}
                onChange={(event) => setQuestion(index, event.target.value)}
                onKeyDown={(event) => onQuestionKeyDown(event, index)}
                error={form.errorOf(`questions.${index}`)}
                className="min-w-0 flex-1 [&_textarea]:field-sizing-content [&_textarea]:max-h-40 [&_textarea]:min-h-10 [&_textarea]:resize-none [&>label]:sr-only"
              />
              {questions.length > 1 && (
                <IconButton
                  icon={X}
                  tone="danger"
                  label={text.removeQuestion(index + 1)}
                  onClick={() => removeQuestion(index)}
                  className="mt-1"
                />
              )}
            </li>
          ))}
        </ol>
        {listError && (
          <p role="alert" className="mt-1.5 text-[13px] text-red-600">
            {listError}
          </p>
        )}
        {questions.length < MAX_PHRASINGS ? (
          <Button variant="ghost" size="sm" icon={Plus} onClick={addQuestion} className="mt-2 -ml-2">
            {text.addQuestion}
          </Button>
        ) : (
          <p className="mt-2 text-[13px] text-zinc-500">{text.questionsFull}</p>
        )}
      </fieldset>
      <TextAreaField
        {...form.field('answer')}
        label={text.answer}
        placeholder={text.answerPlaceholder}
        maxLength={ANSWER_MAX}
        rows={6}
      />
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
