// One table for the outbox, in the owner's journal and on the platform's page alike: what went
// out on which channel, to whom, and whether it arrived; for a delivery being retried or given
// up on, the attempts and the last error, and what the outside service answered. The owner's
// journal links each lead and retries what failed; the platform adds a company column and the
// .eml files.
import type { DeliveryView } from '@aimax/backend/contracts';
import { Handshake, Mail, Send, Webhook } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DeliveryChannel, DeliveryStatus } from '@/lib/api';
import { formatNumericDateTime, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { cx } from '@/lib/ui/cx';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { sections } from '../../navigation';

const tones: Record<DeliveryStatus, BadgeTone> = { pending: 'warning', sent: 'success', failed: 'danger' };

const channelIcons: Record<DeliveryChannel, { icon: typeof Mail; className: string }> = {
  email: { icon: Mail, className: 'bg-zinc-100 text-zinc-600' },
  telegram: { icon: Send, className: 'bg-sky-50 text-sky-600' },
  amocrm: { icon: Handshake, className: 'bg-blue-50 text-blue-600' },
  webhook: { icon: Webhook, className: 'bg-violet-50 text-violet-600' },
};

/** A delivery's kind in Russian; a kind this panel does not know yet is shown as the API names it. */
const kindLabel = (kind: string) => t.deliveryKinds[kind] ?? kind;

interface DeliveriesTableProps<T extends DeliveryView> {
  deliveries: T[];
  /** The company column, on the platform's page. */
  companyOf?: (delivery: T) => string;
  /** A control at the end of the row, such as the .eml download, and what the column is, for screen readers. */
  action?: { label: string; of(delivery: T): ReactNode };
  /** Links to the lead each delivery tells of: for the company's own journal, whose owner may open it. */
  leadLinks?: boolean;
}

export function DeliveriesTable<T extends DeliveryView>({
  deliveries,
  companyOf,
  action,
  leadLinks = false,
}: DeliveriesTableProps<T>) {
  const { columns } = t.deliveries;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{columns.delivery}</Th>
          {companyOf && <Th>{columns.company}</Th>}
          <Th>{columns.recipient}</Th>
          <Th>{columns.status}</Th>
          <Th>{columns.time}</Th>
          {action && (
            <Th className="w-px">
              <span className="sr-only">{action.label}</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <Tr key={delivery.id}>
            <Td className="min-w-48">
              <div className="flex items-start gap-3">
                <ChannelIcon channel={delivery.channel} />
                <div className="min-w-0">
                  <div className="font-medium text-zinc-900">{kindLabel(delivery.kind)}</div>
                  <div className="line-clamp-2 text-xs text-zinc-500" title={delivery.summary}>
                    {delivery.summary}
                  </div>
                  {leadLinks && delivery.leadId && (
                    <Link
                      to={`${sections.leads.path}/${delivery.leadId}`}
                      className="text-brand-700 hover:text-brand-800 text-xs font-medium underline-offset-2 hover:underline"
                    >
                      {t.deliveries.openLead}
                    </Link>
                  )}
                </div>
              </div>
            </Td>
            {companyOf && <Td className="min-w-36 text-zinc-900">{companyOf(delivery)}</Td>}
            <Td className="min-w-40 text-zinc-900">
              <Recipients delivery={delivery} />
            </Td>
            <Td className="min-w-36">
              <Badge dot tone={tones[delivery.status]}>
                {t.deliveryStatuses[delivery.status]}
              </Badge>
              <Attempts delivery={delivery} />
              <ServiceResponse response={delivery.response} />
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              <div className="text-zinc-900">{formatNumericDateTime(delivery.createdAt)}</div>
              {delivery.sentAt && (
                <div className="text-xs text-zinc-500">{t.deliveries.sentAt(formatTime(delivery.sentAt))}</div>
              )}
            </Td>
            {action && <Td>{action.of(delivery)}</Td>}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** An email's addresses one a line, whole; a Telegram chat's name, an amoCRM account or a webhook's address as it is. */
function Recipients({ delivery }: { delivery: DeliveryView }) {
  if (delivery.channel !== 'email') return <span className="break-all">{delivery.recipient}</span>;
  return (
    <ul>
      {delivery.recipient.split(/,\s*/).map((address) => (
        <li key={address} className="whitespace-nowrap">
          {address}
        </li>
      ))}
    </ul>
  );
}

function ChannelIcon({ channel }: { channel: DeliveryChannel }) {
  const { icon: Icon, className } = channelIcons[channel];
  const label = t.deliveryChannels[channel];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={cx('mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-lg', className)}
    >
      <Icon aria-hidden size={15} />
    </span>
  );
}

/** Attempts so far and the last failure: for a delivery being retried, and for one given up on. */
function Attempts({ delivery }: { delivery: DeliveryView }) {
  if (delivery.status === 'sent' || delivery.attempts === 0) return null;
  const retrying = delivery.status === 'pending';
  return (
    <div className="mt-1 max-w-56 text-xs text-zinc-500">
      <p>
        {retrying
          ? t.deliveries.retrying(delivery.attempts, formatTime(delivery.nextAttemptAt))
          : t.deliveries.attempts(delivery.attempts)}
      </p>
      {delivery.lastError && (
        <p className="line-clamp-2 text-red-600" title={delivery.lastError}>
          {delivery.lastError}
        </p>
      )}
    </div>
  );
}

/** What amoCRM or the webhook's receiver answered («HTTP 500: …»), for the owner to take to whoever runs it. */
function ServiceResponse({ response }: { response: string | null }) {
  if (!response) return null;
  return (
    <p className="mt-1 line-clamp-2 max-w-56 text-xs break-all text-zinc-500" title={response}>
      {t.deliveries.response(response)}
    </p>
  );
}

export function DeliveriesTableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div aria-busy="true">
      <div className="h-9 border-b border-zinc-100 bg-zinc-50/60" />
      {[1, 2, 3, 4, 5].slice(0, rows).map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <Skeleton className="size-7 rounded-lg" />
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="h-3.5 w-44" />
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="ml-auto h-3.5 w-28" />
        </div>
      ))}
    </div>
  );
}
