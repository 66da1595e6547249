// A lead's history: the notes form on top, then every stage move, change of responsible member
// and note, newest first, each with who and when; the lead's arrival closes the list.
import type { LeadEventView, LeadView } from '@aimax/backend/contracts';
import { ArrowRightLeft, Inbox, StickyNote, UserRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { TextAreaField } from '@/lib/ui/TextAreaField';

export function HistoryCard({ lead, onChanged }: { lead: LeadView; onChanged(lead: LeadView): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const text = t.leads.history;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await api.leads.addNote(lead.id, note.trim()));
      setNote('');
      toast(text.added);
    } catch (caught) {
      const failure = toApiError(caught);
      if (failure.fields.text) setError(failure.fields.text);
      else toast(failure.message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card aria-labelledby="lead-history-title">
      <CardHeader titleId="lead-history-title" title={text.title} description={text.description} />
      <form onSubmit={submit} className="border-b border-zinc-100 px-5 py-4" noValidate>
        <TextAreaField
          label={text.note}
          name="text"
          value={note}
          rows={2}
          maxLength={2000}
          placeholder={text.notePlaceholder}
          error={error}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="mt-3 flex justify-end">
          <Button type="submit" size="sm" variant="secondary" icon={StickyNote} loading={busy} disabled={!note.trim()}>
            {text.add}
          </Button>
        </div>
      </form>
      <ol className="px-5 py-4">
        {lead.history.map((event) => (
          <HistoryEntry key={event.id} event={event} />
        ))}
        <li className="relative flex gap-3">
          <EntryIcon icon={Inbox} />
          <div className="min-w-0 pb-1">
            <p className="text-sm text-zinc-900">{text.received}</p>
            <p className="mt-0.5 text-xs text-zinc-500">{formatDateTime(lead.createdAt)}</p>
          </div>
        </li>
      </ol>
    </Card>
  );
}

function EntryIcon({ icon: Icon }: { icon: typeof Inbox }) {
  return (
    <span className="relative z-10 flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 ring-4 ring-white">
      <Icon aria-hidden size={14} />
    </span>
  );
}

function HistoryEntry({ event }: { event: LeadEventView }) {
  const text = t.leads.history;
  const statuses = t.leads.statuses;
  const by = `${event.actor.name || text.formerMember} · ${formatDateTime(event.createdAt)}`;
  return (
    // The line between the icons runs down from each entry to the next.
    <li className="relative flex gap-3 pb-5 before:absolute before:top-7 before:bottom-0 before:left-3.5 before:w-px before:bg-zinc-200">
      {event.kind === 'status' && (
        <>
          <EntryIcon icon={ArrowRightLeft} />
          <div className="min-w-0">
            <p className="text-sm font-medium text-zinc-900">
              {text.status(
                event.fromStatus ? statuses[event.fromStatus] : '—',
                event.status ? statuses[event.status] : '—',
              )}
            </p>
            {event.reason && <p className="mt-0.5 text-sm break-words text-zinc-700">{text.reason(event.reason)}</p>}
            <p className="mt-0.5 text-xs text-zinc-500">{by}</p>
          </div>
        </>
      )}
      {event.kind === 'assignee' && (
        <>
          <EntryIcon icon={UserRound} />
          <div className="min-w-0">
            <p className="text-sm font-medium text-zinc-900">
              {event.assignee ? text.assigned(event.assignee.name) : text.unassigned}
            </p>
            <p className="mt-0.5 text-xs text-zinc-500">{by}</p>
          </div>
        </>
      )}
      {event.kind === 'note' && (
        <>
          <EntryIcon icon={StickyNote} />
          <div className="min-w-0 flex-1">
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-zinc-800 ring-1 ring-amber-100 ring-inset">
              {event.text}
            </p>
            <p className="mt-1 text-xs text-zinc-500">{by}</p>
          </div>
        </>
      )}
    </li>
  );
}
