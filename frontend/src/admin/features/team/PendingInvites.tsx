import type { InviteView } from '@aimax/backend/contracts';
import { Link2, MailPlus } from 'lucide-react';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Button } from '@/lib/ui/Button';
import { EmptyState } from '@/lib/ui/EmptyState';

interface PendingInvitesProps {
  invites: InviteView[];
  onRevoke(invite: InviteView): void;
}

export function PendingInvites({ invites, onRevoke }: PendingInvitesProps) {
  const { invites: text } = t.team;
  if (invites.length === 0) {
    return <EmptyState icon={MailPlus} title={text.empty} description={text.emptyHint} className="py-10" />;
  }
  return (
    <ul className="divide-y divide-zinc-100">
      {invites.map((invite) => {
        const created = formatDate(invite.createdAt);
        return (
          <li key={invite.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3.5">
            <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-zinc-500">
              <Link2 aria-hidden size={16} />
            </span>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={invite.role === 'owner' ? 'brand' : 'neutral'}>{t.roles[invite.role]}</Badge>
                <span className="text-sm text-zinc-700">{text.expires(formatDate(invite.expiresAt))}</span>
              </div>
              <p className="mt-0.5 text-xs text-zinc-500">
                {invite.createdByName ? text.createdBy(invite.createdByName, created) : text.createdAt(created)}
              </p>
            </div>
            <Button variant="ghost" size="sm" aria-label={text.revokeLabel} onClick={() => onRevoke(invite)}>
              {text.revoke}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
