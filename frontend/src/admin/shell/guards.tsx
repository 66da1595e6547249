// Route guards: who may see which part of the panel. They read the auth store, so a session
// that ends (logout, or a 401 from any call) re-renders them and they redirect.
import type { ReactNode } from 'react';
import { type Location, Navigate, Outlet, useLocation } from 'react-router';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { canVisit, homeFor, publicPaths, type Section } from '../navigation';
import { ForbiddenPage } from './StatusPages';

interface ReturnState {
  /** The page a signed-out visitor asked for, to return to after signing in. */
  from?: Location;
}

/** The signed-in part of the panel; everyone else goes to the login page. */
export function RequireAuth() {
  const status = useAuthStore((state) => state.status);
  const reason = useAuthStore((state) => state.signOutReason);
  const location = useLocation();
  if (status === 'signedIn') return <Outlet />;
  // After a deliberate logout the next person to sign in should start at their own home page.
  const state: ReturnState | undefined = reason === 'loggedOut' ? undefined : { from: location };
  return <Navigate to={publicPaths.login} replace state={state} />;
}

/** Login and sign-up: a signed-in visitor is taken where they were going, or home. */
export function GuestOnly() {
  const role = useAuthStore((state) => state.session?.user.role);
  const from = (useLocation().state as ReturnState | null)?.from;
  if (!role) return <Outlet />;
  const target = from && canVisit(role, from.pathname) ? `${from.pathname}${from.search}` : homeFor(role);
  return <Navigate to={target} replace />;
}

/** A section open to some roles only; the others see a friendly 403 page. */
export function RequireRole({ section, children }: { section: Section; children: ReactNode }) {
  const role = useAuthStore((state) => state.session?.user.role);
  if (!role || !section.roles.includes(role)) return <ForbiddenPage section={section} />;
  return children;
}
