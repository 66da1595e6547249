import type { InviteView, MemberView } from '@aimax/backend/contracts';
import { Link2, UserPlus } from 'lucide-react';
import { useCallback, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { AddMemberDialog } from './AddMemberDialog';
import { InviteLinkDialog } from './InviteLinkDialog';
import { MembersTable } from './MembersTable';
import { PendingInvites } from './PendingInvites';

/** What a confirm dialog is about; kept after closing so the text stays put while it fades out. */
interface Pending<T> {
  target: T;
  open: boolean;
}

export function TeamPage() {
  const currentUserId = useAuthStore((state) => state.session?.user.id ?? '');
  const team = useResource(useCallback((signal: AbortSignal) => api.team.get(signal), []));
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [removal, setRemoval] = useState<Pending<MemberView> | null>(null);
  const [revocation, setRevocation] = useState<Pending<InviteView> | null>(null);
  // Settings the server confirmed since the list was loaded, so a switch does not flick back meanwhile.
  const [leadEmails, setLeadEmails] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  // A freshly loaded list already holds them (React's way to reset state when its input changes).
  const [loaded, setLoaded] = useState(team.data);
  if (loaded !== team.data) {
    setLoaded(team.data);
    setLeadEmails(new Map());
  }

  const changeLeadEmails = async (member: MemberView, on: boolean) => {
    const name = member.name || member.email;
    setSaving((current) => new Set(current).add(member.id));
    try {
      const changed = await api.team.setNotifications(member.id, { leadEmails: on });
      setLeadEmails((current) => new Map(current).set(member.id, changed.leadEmails));
      toast(changed.leadEmails ? t.team.members.leadEmailsOn(name) : t.team.members.leadEmailsOff(name));
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
      team.reload();
    } finally {
      setSaving((current) => {
        const next = new Set(current);
        next.delete(member.id);
        return next;
      });
    }
  };

  const removeMember = async (member: MemberView) => {
    await api.team.removeMember(member.id);
    toast(t.team.remove.done);
    team.reload();
  };

  const revokeInvite = async (invite: InviteView) => {
    await api.team.revokeInvite(invite.id);
    toast(t.team.invites.revoked);
    team.reload();
  };

  return (
    <>
      <PageHeader
        title={t.team.title}
        description={t.team.subtitle}
        actions={
          <>
            <Button variant="secondary" icon={Link2} onClick={() => setInviting(true)}>
              {t.team.inviteByLink}
            </Button>
            <Button icon={UserPlus} onClick={() => setAdding(true)}>
              {t.team.addMember}
            </Button>
          </>
        }
      />

      {team.error && !team.data && (
        <Alert title={t.errors.loadFailed} onRetry={team.reload}>
          {team.error.message}
        </Alert>
      )}

      {!team.error && !team.data && <TeamSkeleton />}

      {team.data && (
        <div className="space-y-6">
          {team.error && <Alert onRetry={team.reload}>{team.error.message}</Alert>}
          <Card aria-labelledby="members-title">
            <CardHeader
              titleId="members-title"
              title={t.team.members.title}
              description={t.team.members.count(team.data.members.length)}
            />
            <MembersTable
              members={team.data.members.map((member) => ({
                ...member,
                leadEmails: leadEmails.get(member.id) ?? member.leadEmails,
              }))}
              currentUserId={currentUserId}
              onRemove={(member) => setRemoval({ target: member, open: true })}
              onLeadEmailsChange={changeLeadEmails}
              saving={saving}
            />
          </Card>
          <Card aria-labelledby="invites-title">
            <CardHeader titleId="invites-title" title={t.team.invites.title} />
            <PendingInvites
              invites={team.data.invites}
              onRevoke={(invite) => setRevocation({ target: invite, open: true })}
            />
          </Card>
        </div>
      )}

      <AddMemberDialog open={adding} onClose={() => setAdding(false)} onAdded={team.reload} />
      <InviteLinkDialog open={inviting} onClose={() => setInviting(false)} onCreated={team.reload} />
      <ConfirmDialog
        open={removal?.open ?? false}
        onClose={() => setRemoval((current) => current && { ...current, open: false })}
        title={t.team.remove.title}
        description={removal && t.team.remove.text(removal.target.name || removal.target.email)}
        confirmLabel={t.team.remove.confirm}
        onConfirm={() => (removal ? removeMember(removal.target) : Promise.resolve())}
      />
      <ConfirmDialog
        open={revocation?.open ?? false}
        onClose={() => setRevocation((current) => current && { ...current, open: false })}
        title={t.team.invites.revokeTitle}
        description={t.team.invites.revokeText}
        confirmLabel={t.team.invites.revoke}
        onConfirm={() => (revocation ? revokeInvite(revocation.target) : Promise.resolve())}
      />
    </>
  );
}

function TeamSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <Card>
        <div className="border-b border-zinc-100 px-5 py-4">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="mt-2 h-3 w-24" />
        </div>
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 border-b border-zinc-100 px-5 py-4 last:border-b-0">
            <Skeleton className="size-7 rounded-full" />
            <Skeleton className="h-3.5 w-36" />
            <Skeleton className="h-3.5 w-44" />
            <Skeleton className="ml-auto h-5 w-20 rounded-full" />
          </div>
        ))}
      </Card>
    </div>
  );
}
