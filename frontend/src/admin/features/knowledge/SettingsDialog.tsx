// «Настройки поиска», the owner's: how many passages an answer draws on, and how close a passage
// and a curated pair must come to a question to count. The numbers are the API's own (cosines).
import { SlidersHorizontal } from 'lucide-react';
import { useState } from 'react';
import { api, type KnowledgeSettingsBody, type KnowledgeView } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { settingsInputOf, settingsValuesOf } from './settingsValues';

interface SettingsButtonProps {
  view: KnowledgeView;
  onSaved(settings: KnowledgeSettingsBody): void;
}

export function SettingsButton({ view, onSaved }: SettingsButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const text = t.knowledge.settings;
  return (
    <>
      <Button variant="secondary" icon={SlidersHorizontal} onClick={() => setOpen(true)}>
        {text.open}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} busy={busy} title={text.title} description={text.description}>
        <SettingsForm view={view} onBusy={setBusy} onClose={() => setOpen(false)} onSaved={onSaved} />
      </Dialog>
    </>
  );
}

interface SettingsFormProps extends SettingsButtonProps {
  onBusy(busy: boolean): void;
  onClose(): void;
}

function SettingsForm({ view, onBusy, onClose, onSaved }: SettingsFormProps) {
  const text = t.knowledge.settings;
  const form = useForm(settingsValuesOf(view.settings));

  const submit = form.onSubmit(async (values) => {
    onBusy(true);
    try {
      onSaved(await api.knowledge.saveSettings(settingsInputOf(values)));
      toast(text.saved);
      onClose();
    } finally {
      onBusy(false);
    }
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-5">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        {...form.field('topK')}
        label={text.topK}
        hint={text.topKHint}
        type="number"
        inputMode="numeric"
        min={1}
        max={10}
        step={1}
        className="[&_input]:max-w-32"
      />
      <TextField
        {...form.field('minSimilarity')}
        label={text.minSimilarity}
        hint={text.minSimilarityHint}
        type="number"
        inputMode="decimal"
        min={0.1}
        max={0.95}
        step={0.05}
        className="[&_input]:max-w-32"
      />
      <TextField
        {...form.field('qaSimilarity')}
        label={text.qaSimilarity}
        hint={text.qaSimilarityHint}
        type="number"
        inputMode="decimal"
        min={0.3}
        max={0.99}
        step={0.05}
        className="[&_input]:max-w-32"
      />
      <p className="text-[13px] text-zinc-500">{text.defaults}</p>
      <p className="rounded-lg bg-zinc-50 px-3 py-2 text-[13px] text-zinc-600">
        {view.search.vectors ? text.search(view.search.model) : text.noVectors}
      </p>
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={form.submitting}>
          {t.common.cancel}
        </Button>
        <Button type="submit" loading={form.submitting}>
          {text.save}
        </Button>
      </DialogActions>
    </form>
  );
}
