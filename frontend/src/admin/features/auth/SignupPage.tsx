import { Link } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { publicPaths } from '../../navigation';
import { AuthLayout } from './AuthLayout';

export function SignupPage() {
  const form = useForm({ companyName: '', name: '', email: '', password: '' });

  // Once the store has the session, GuestOnly takes the new owner to the dashboard.
  const submit = form.onSubmit(async (values) => {
    useAuthStore.getState().signedIn(await api.auth.signUp(values));
  });

  return (
    <AuthLayout
      title={t.auth.signup.title}
      subtitle={t.auth.signup.subtitle}
      footer={
        <>
          {t.auth.signup.haveAccount}{' '}
          <Link to={publicPaths.login} className="text-brand-600 hover:text-brand-700 font-medium">
            {t.auth.signup.toLogin}
          </Link>
        </>
      }
    >
      <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          {...form.field('companyName')}
          label={t.fields.companyName}
          placeholder={t.fields.companyNamePlaceholder}
          autoComplete="organization"
          autoFocus
        />
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
          {t.auth.signup.submit}
        </Button>
      </form>
    </AuthLayout>
  );
}
