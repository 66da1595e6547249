import { Link } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { publicPaths } from '../../navigation';
import { needsSupport, SupportContacts } from '../support/SupportContacts';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const expired = useAuthStore((state) => state.signOutReason === 'expired');
  const form = useForm({ email: '', password: '' });

  // Once the store has the session, GuestOnly takes the user on to where they were going.
  const submit = form.onSubmit(async (values) => {
    useAuthStore.getState().signedIn(await api.auth.logIn(values));
  });

  return (
    <AuthLayout
      title={t.auth.login.title}
      subtitle={t.auth.login.subtitle}
      footer={
        <>
          {t.auth.login.noAccount}{' '}
          <Link to={publicPaths.signup} className="text-brand-600 hover:text-brand-700 font-medium">
            {t.auth.login.toSignup}
          </Link>
        </>
      }
    >
      <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
        {form.formError ? (
          <Alert>
            {form.formError}
            {needsSupport(form.formErrorCode) && <SupportContacts />}
          </Alert>
        ) : (
          expired && <Alert tone="info">{t.auth.login.expired}</Alert>
        )}
        <TextField
          {...form.field('email')}
          label={t.fields.email}
          type="email"
          autoComplete="email"
          placeholder={t.fields.emailPlaceholder}
          autoFocus
        />
        <TextField
          {...form.field('password')}
          label={t.fields.password}
          type="password"
          autoComplete="current-password"
        />
        <Button type="submit" loading={form.submitting} className="w-full">
          {t.auth.login.submit}
        </Button>
      </form>
    </AuthLayout>
  );
}
