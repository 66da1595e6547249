import type { SessionView } from '@aimax/backend/contracts';
import { Bell, ChevronDown, KeyRound, LogOut } from 'lucide-react';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Avatar } from '@/lib/ui/Avatar';
import { Badge } from '@/lib/ui/Badge';
import { Menu } from '@/lib/ui/Menu';
import { ChangePasswordDialog } from '../features/account/ChangePasswordDialog';
import { NotificationsDialog } from '../features/account/NotificationsDialog';

async function logOut() {
  try {
    await api.auth.logOut();
  } catch (caught) {
    const error = toApiError(caught);
    // 401: the server had already ended the session, which is what we wanted.
    if (error.status !== 401) {
      toast(error.message, 'error');
      return;
    }
  }
  useAuthStore.getState().signedOut('loggedOut');
}

export function UserMenu({ user }: { user: SessionView['user'] }) {
  const [changingPassword, setChangingPassword] = useState(false);
  const [notifications, setNotifications] = useState(false);
  // The platform's operator has no company, so no leads to hear of.
  const inCompany = user.role !== 'superadmin';
  const displayName = user.name || user.email;

  return (
    <>
      <Menu
        label={t.shell.userMenu}
        button={
          <>
            <Avatar name={user.name} email={user.email} size="sm" />
            <span className="hidden max-w-40 truncate text-sm font-medium text-zinc-700 sm:block">{displayName}</span>
            <ChevronDown aria-hidden size={14} className="hidden text-zinc-400 sm:block" />
          </>
        }
        header={
          <div className="flex items-center gap-3">
            <Avatar name={user.name} email={user.email} />
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-zinc-900">{displayName}</p>
              <p className="truncate text-xs text-zinc-500">{user.email}</p>
              <Badge className="mt-1.5">{t.roles[user.role]}</Badge>
            </div>
          </div>
        }
        items={[
          ...(inCompany ? [{ label: t.shell.notifications, icon: Bell, onSelect: () => setNotifications(true) }] : []),
          { label: t.shell.changePassword, icon: KeyRound, onSelect: () => setChangingPassword(true) },
          { label: t.shell.logout, icon: LogOut, onSelect: logOut, tone: 'danger' },
        ]}
      />
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
      {inCompany && (
        <NotificationsDialog open={notifications} email={user.email} onClose={() => setNotifications(false)} />
      )}
    </>
  );
}
