import { useCallback, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { useResource } from '@/lib/useResource';
import { TelegramLink } from './TelegramLink';

interface NotificationsDialogProps {
  open: boolean;
  email: string;
  onClose(): void;
}

/**
 * The signed-in member's own emails and Telegram; managers have no «Команда» page, so this is
 * where they keep them.
 */
export function NotificationsDialog({ open, email, onClose }: NotificationsDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={t.account.notifications.title} size="sm">
      <NotificationSettings email={email} />
      <TelegramLink onLeave={onClose} />
      <DialogActions>
        <Button onClick={onClose}>{t.account.notifications.close}</Button>
      </DialogActions>
    </Dialog>
  );
}

function NotificationSettings({ email }: { email: string }) {
  const { notifications: text } = t.account;
  const settings = useResource(useCallback((signal: AbortSignal) => api.account.notifications(signal), []));
  // What the server last confirmed; shown instead of the loaded value once the member has changed it.
  const [saved, setSaved] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);

  if (settings.error && !settings.data) {
    return (
      <Alert title={t.errors.loadFailed} onRetry={settings.reload}>
        {settings.error.message}
      </Alert>
    );
  }
  if (!settings.data) return <Skeleton className="h-12" />;

  const change = async (leadEmails: boolean) => {
    setSaving(true);
    try {
      const result = await api.account.setNotifications({ leadEmails });
      setSaved(result.leadEmails);
      toast(result.leadEmails ? text.on : text.off);
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Switch
      checked={saved ?? settings.data.leadEmails}
      onChange={change}
      disabled={saving}
      label={text.leadEmails}
      description={text.leadEmailsText(email)}
    />
  );
}
