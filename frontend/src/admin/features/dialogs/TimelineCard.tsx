// Who answered the dialog over time: when it began, who was called, took it, handed it back or
// closed it, when nobody came and the bot went on, and when the visitor opened it again, oldest
// first, as the conversation reads.
import type { DialogEventView, DialogView } from '@aimax/backend/contracts';
import {
  BellRing,
  Bot,
  CircleCheck,
  Hand,
  Hourglass,
  type LucideIcon,
  MessageCircle,
  RotateCcw,
  UserRoundCheck,
} from 'lucide-react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';

const icons: Record<DialogEventView['kind'], LucideIcon> = {
  operator_requested: BellRing,
  taken: Hand,
  taken_over: UserRoundCheck,
  returned: Bot,
  closed: CircleCheck,
  reopened: RotateCcw,
  operator_timeout: Hourglass,
};

export function TimelineCard({ dialog, timeline }: Pick<DialogView, 'dialog' | 'timeline'>) {
  const text = t.dialogs.timeline;
  return (
    <Card aria-labelledby="dialog-timeline-title">
      <CardHeader titleId="dialog-timeline-title" title={text.title} />
      <ol className="px-5 py-4">
        <Entry icon={MessageCircle} title={text.started} by={null} at={dialog.createdAt} last={timeline.length === 0} />
        {timeline.map((event, index) => (
          <Entry
            key={event.id}
            icon={icons[event.kind]}
            title={text.kinds[event.kind]}
            // Nobody did the time-out: the wait ran out, or the request came outside working hours.
            by={event.kind === 'operator_timeout' ? text.automatic : (event.actorName ?? text.visitor)}
            at={event.createdAt}
            last={index === timeline.length - 1}
          />
        ))}
      </ol>
    </Card>
  );
}

interface EntryProps {
  icon: LucideIcon;
  title: string;
  /** Who did it; null where nobody did (the dialog's start). */
  by: string | null;
  at: string;
  last: boolean;
}

function Entry({ icon: Icon, title, by, at, last }: EntryProps) {
  return (
    // The line between the icons runs down from each entry to the next.
    <li
      className={
        last
          ? 'relative flex gap-3'
          : 'relative flex gap-3 pb-5 before:absolute before:top-7 before:bottom-0 before:left-3.5 before:w-px before:bg-zinc-200'
      }
    >
      <span className="relative z-10 flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 ring-4 ring-white">
        <Icon aria-hidden size={14} />
      </span>
      <div className="min-w-0 pt-0.5">
        <p className="text-sm font-medium text-zinc-900">{title}</p>
        <p className="mt-0.5 text-xs text-zinc-500">{by ? `${by} · ${formatDateTime(at)}` : formatDateTime(at)}</p>
      </div>
    </li>
  );
}
