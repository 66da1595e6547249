import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';

interface ChangePasswordDialogProps {
  open: boolean;
  onClose(): void;
}

export function ChangePasswordDialog({ open, onClose }: ChangePasswordDialogProps) {
  const form = useForm({ currentPassword: '', newPassword: '' });

  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    await api.auth.changePassword(values);
    toast(t.account.changePassword.done);
    close();
  });

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={form.submitting}
      title={t.account.changePassword.title}
      description={t.account.changePassword.text}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          {...form.field('currentPassword')}
          label={t.fields.currentPassword}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          {...form.field('newPassword')}
          label={t.fields.newPassword}
          type="password"
          autoComplete="new-password"
          hint={t.fields.passwordHint}
        />
        <DialogActions>
          <Button variant="secondary" onClick={close} disabled={form.submitting}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t.account.changePassword.submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
