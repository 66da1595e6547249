// A card's last line: the channel's most recent delivery, when it went and how, and why not if it
// did not; «Журнал» shows the journal below with only this channel's deliveries.
import type { LastDeliveryView } from '@aimax/backend/contracts';
import { ScrollText } from 'lucide-react';
import type { DeliveryStatus } from '@/lib/api';
import { formatNumericDateTime, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { Button } from '@/lib/ui/Button';
import { Skeleton } from '@/lib/ui/Skeleton';

const tones: Record<DeliveryStatus, BadgeTone> = { pending: 'warning', sent: 'success', failed: 'danger' };

interface LastDeliveryProps {
  /** Null when the channel has sent nothing yet; undefined while that is being found out. */
  delivery: LastDeliveryView | null | undefined;
  /** The channel's name, for the journal button's label. */
  channel: string;
  onShowLog(): void;
}

export function LastDelivery({ delivery, channel, onShowLog }: LastDeliveryProps) {
  const text = t.integrations.lastDelivery;
  return (
    <footer className="flex min-h-13 flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-zinc-100 bg-zinc-50/70 px-5 py-2.5 text-[13px]">
      {delivery === undefined ? (
        <Skeleton className="h-4 w-64 max-w-full" />
      ) : delivery === null ? (
        <p className="text-zinc-500">{text.none}</p>
      ) : (
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-zinc-600">
            <span className="font-medium text-zinc-800">{text.title}:</span>
            <span className="tabular-nums">{formatNumericDateTime(delivery.sentAt ?? delivery.createdAt)}</span>
            <Badge dot tone={tones[delivery.status]}>
              {t.deliveryStatuses[delivery.status]}
            </Badge>
            {delivery.status === 'pending' && delivery.attempts > 0 && (
              <span className="text-zinc-500">{text.nextAttempt(formatTime(delivery.nextAttemptAt))}</span>
            )}
          </p>
          {delivery.status !== 'sent' && delivery.lastError && (
            <p className="mt-1 line-clamp-2 text-red-600" title={delivery.lastError}>
              {delivery.lastError}
            </p>
          )}
        </div>
      )}
      <Button
        variant="ghost"
        size="sm"
        icon={ScrollText}
        aria-label={text.logLabel(channel)}
        onClick={onShowLog}
        className="-mr-2"
      >
        {text.log}
      </Button>
    </footer>
  );
}
