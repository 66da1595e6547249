import { Save } from 'lucide-react';
import { t } from '../i18n';
import { Button } from './Button';
import { cx } from './cx';

interface SaveBarProps {
  dirty: boolean;
  submitting: boolean;
  onDiscard(): void;
  /** Nothing has been saved yet (the form starts empty): saving is open, and nothing is «saved». */
  neverSaved?: boolean;
}

/** The bottom of a settings form's card: whether there is something to save, and the buttons to do it. */
export function SaveBar({ dirty, submitting, onDiscard, neverSaved = false }: SaveBarProps) {
  const pending = dirty || neverSaved;
  const status = dirty ? t.saveBar.unsaved : neverSaved ? t.saveBar.neverSaved : t.saveBar.upToDate;
  return (
    <footer className="flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-zinc-100 bg-zinc-50/70 px-5 py-3">
      <p aria-live="polite" className="flex items-center gap-2 text-[13px] text-zinc-500">
        <span aria-hidden className={cx('size-1.5 rounded-full', pending ? 'bg-amber-500' : 'bg-emerald-500')} />
        {status}
      </p>
      <div className="ml-auto flex items-center gap-2">
        {dirty && (
          <Button variant="ghost" onClick={onDiscard} disabled={submitting}>
            {t.saveBar.discard}
          </Button>
        )}
        <Button type="submit" icon={Save} loading={submitting} disabled={!pending}>
          {t.saveBar.save}
        </Button>
      </div>
    </footer>
  );
}
