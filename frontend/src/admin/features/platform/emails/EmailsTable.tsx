import type { PlatformEmailView } from '@aimax/backend/contracts';
import { Download, MailX } from 'lucide-react';
import { api, type EmailStatus } from '@/lib/api';
import { formatNumericDateTime, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { buttonClasses } from '@/lib/ui/Button';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';

const tones: Record<EmailStatus, BadgeTone> = { pending: 'warning', sent: 'success', failed: 'danger' };

/** An email's kind in Russian; a kind this panel does not know yet is shown as the API names it. */
const kindLabel = (kind: string) => t.emailKinds[kind] ?? kind;

export function EmailsTable({ emails }: { emails: PlatformEmailView[] }) {
  const text = t.platform.emails;
  if (emails.length === 0) return <EmptyState icon={MailX} title={text.empty} description={text.emptyHint} />;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{text.columns.email}</Th>
          <Th>{text.columns.to}</Th>
          <Th>{text.columns.status}</Th>
          <Th>{text.columns.time}</Th>
          <Th className="w-px">
            <span className="sr-only">{text.columns.file}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {emails.map((email) => (
          <Tr key={email.id}>
            <Td className="min-w-56">
              <div className="font-medium text-zinc-900">{kindLabel(email.kind)}</div>
              <div className="line-clamp-2 text-xs text-zinc-500">{email.subject}</div>
            </Td>
            <Td className="min-w-40">
              <ul className="text-zinc-900">
                {email.to.map((address) => (
                  <li key={address} className="whitespace-nowrap">
                    {address}
                  </li>
                ))}
              </ul>
              <div className="text-xs text-zinc-500">{email.tenantName}</div>
            </Td>
            <Td className="min-w-40">
              <Badge dot tone={tones[email.status]}>
                {t.emailStatuses[email.status]}
              </Badge>
              <Delivery email={email} />
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              <div className="text-zinc-900">{formatNumericDateTime(email.createdAt)}</div>
              {email.sentAt && <div className="text-xs text-zinc-500">{text.sentAt(formatTime(email.sentAt))}</div>}
            </Td>
            <Td>
              {email.status === 'sent' && (
                <a
                  href={api.platform.emailFileUrl(email.id)}
                  download
                  aria-label={text.emlLabel(email.subject)}
                  title={text.emlLabel(email.subject)}
                  className={buttonClasses('secondary', 'sm')}
                >
                  <Download aria-hidden size={16} />
                  {text.eml}
                </a>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Attempts so far and the last failure: for an email being retried, and for one given up on. */
function Delivery({ email }: { email: PlatformEmailView }) {
  const text = t.platform.emails;
  if (email.status === 'sent' || email.attempts === 0) return null;
  const retrying = email.status === 'pending';
  return (
    <div className="mt-1 max-w-64 text-xs text-zinc-500">
      <p>{retrying ? text.retrying(email.attempts, formatTime(email.nextAttemptAt)) : text.attempts(email.attempts)}</p>
      {email.lastError && (
        <p className="line-clamp-2 text-red-600" title={email.lastError}>
          {email.lastError}
        </p>
      )}
    </div>
  );
}

export function EmailsTableSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-9 border-b border-zinc-100 bg-zinc-50/60" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="h-3.5 w-44" />
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="ml-auto h-3.5 w-28" />
          <Skeleton className="h-8 w-16 rounded-lg" />
        </div>
      ))}
    </div>
  );
}
