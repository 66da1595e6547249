// The root of the panel: asks the server who is signed in before any page decides whether to
// show itself or send the visitor to the login page.
import { motion } from 'motion/react';
import { Outlet } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Logo } from '@/lib/ui/Logo';
import { Spinner } from '@/lib/ui/Spinner';
import { Toaster } from '@/lib/ui/Toaster';
import { useResource } from '@/lib/useResource';

async function restoreSession(signal: AbortSignal): Promise<void> {
  const { signedIn, signedOut } = useAuthStore.getState();
  const { session } = await api.auth.current(signal);
  if (session) signedIn(session);
  else signedOut();
}

export function SessionGate() {
  const status = useAuthStore((state) => state.status);
  const { error, reload } = useResource(restoreSession);

  if (status === 'checking') {
    return (
      <div className="flex min-h-dvh flex-col items-center justify-center gap-6 p-6">
        <Logo />
        {error ? (
          <Alert title={t.errors.sessionFailed} onRetry={reload} className="w-full max-w-md">
            {error.message}
          </Alert>
        ) : (
          // Shown only if the answer is slow, so a fast one does not flash a spinner.
          <motion.div initial={{ opacity: 0 }} animate={{ opacity: 1 }} transition={{ delay: 0.3 }}>
            <Spinner label={t.common.loading} className="text-zinc-400" />
          </motion.div>
        )}
      </div>
    );
  }

  return (
    <>
      <Outlet />
      <Toaster />
    </>
  );
}
