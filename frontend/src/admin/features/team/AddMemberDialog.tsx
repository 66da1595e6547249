import { api, type TenantRole } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { RolePicker } from './RolePicker';

interface AddMemberDialogProps {
  open: boolean;
  onClose(): void;
  onAdded(): void;
}

export function AddMemberDialog({ open, onClose, onAdded }: AddMemberDialogProps) {
  const form = useForm<{ name: string; email: string; password: string; role: TenantRole }>({
    name: '',
    email: '',
    password: '',
    role: 'manager',
  });

  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    const member = await api.team.addMember(values);
    toast(t.team.add.done(member.name));
    onAdded();
    close();
  });

  return (
    <Dialog open={open} onClose={close} busy={form.submitting} title={t.team.add.title} description={t.team.add.text}>
      <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField {...form.field('name')} label={t.fields.memberName} autoComplete="off" />
        <TextField
          {...form.field('email')}
          label={t.fields.email}
          type="email"
          autoComplete="off"
          placeholder={t.fields.emailPlaceholder}
        />
        <TextField
          {...form.field('password')}
          label={t.fields.password}
          type="password"
          autoComplete="new-password"
          hint={t.fields.passwordHint}
        />
        <RolePicker
          label={t.fields.role}
          value={form.values.role}
          onChange={(role) => form.setValue('role', role)}
          error={form.field('role').error}
        />
        <DialogActions>
          <Button variant="secondary" onClick={close} disabled={form.submitting}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t.team.add.submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
