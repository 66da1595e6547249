// Where an invite link leads: what company and role it is for, and the form that creates the
// invited person's account. Dead links (revoked, expired, used) get a clear explanation.
import type { PublicInviteView } from '@aimax/backend/contracts';
import { CalendarClock, Clock, Link2Off, type LucideIcon, MailCheck } from 'lucide-react';
import { useCallback } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type ApiError, api } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { useResource } from '@/lib/useResource';
import { publicPaths } from '../../navigation';
import { AuthLayout } from '../auth/AuthLayout';

const deadEnds: Partial<Record<ApiError['code'], { title: string; text: string; icon: LucideIcon }>> = {
  INVITE_INVALID: { ...t.invite.invalid, icon: Link2Off },
  // A malformed token in the address is as good as a missing invite.
  VALIDATION_FAILED: { ...t.invite.invalid, icon: Link2Off },
  INVITE_EXPIRED: { ...t.invite.expired, icon: Clock },
  INVITE_USED: { ...t.invite.used, icon: MailCheck },
};

export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useResource(useCallback((signal: AbortSignal) => api.invites.find(token, signal), [token]));

  if (invite.data) return <AcceptInvite token={token} invite={invite.data} />;

  const deadEnd = invite.error && deadEnds[invite.error.code];
  if (invite.error && deadEnd) {
    return (
      <AuthLayout icon={deadEnd.icon} title={deadEnd.title} subtitle={deadEnd.text}>
        <ButtonLink to={publicPaths.login} variant="secondary" className="w-full">
          {t.invite.toLogin}
        </ButtonLink>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t.invite.loading}>
      {invite.error ? (
        <Alert onRetry={invite.reload}>{invite.error.message}</Alert>
      ) : (
        <div aria-hidden className="space-y-4">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      )}
    </AuthLayout>
  );
}

function AcceptInvite({ token, invite }: { token: string; invite: PublicInviteView }) {
  const navigate = useNavigate();
  const form = useForm({ name: '', email: '', password: '' });

  const submit = form.onSubmit(async (values) => {
    useAuthStore.getState().signedIn(await api.invites.accept(token, values));
    navigate('/', { replace: true });
  });

  return (
    <AuthLayout title={t.invite.title(invite.companyName)} subtitle={t.invite.subtitle(t.roles[invite.role])}>
      <p className="-mt-4 mb-6 flex items-center gap-2 text-sm text-zinc-500">
        <CalendarClock aria-hidden size={15} className="text-zinc-400" />
        {t.invite.validUntil(formatDate(invite.expiresAt))}
      </p>
      <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          {...form.field('name')}
          label={t.fields.name}
          placeholder={t.fields.namePlaceholder}
          autoComplete="name"
        />
        <TextField
          {...form.field('email')}
          label={t.fields.email}
          type="email"
          autoComplete="email"
          placeholder={t.fields.emailPlaceholder}
        />
        <TextField
          {...form.field('password')}
          label={t.fields.password}
          type="password"
          autoComplete="new-password"
          hint={t.fields.passwordHint}
        />
        <Button type="submit" loading={form.submitting} className="w-full">
          {t.invite.submit}
        </Button>
      </form>
    </AuthLayout>
  );
}
