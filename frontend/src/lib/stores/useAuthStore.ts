// Who is signed in, as the admin panel knows it. Filled from the session the API returns on
// sign-in and on the first load; holds the CSRF token every change must carry.
import type { SessionView } from '@aimax/backend/contracts';
import { create } from 'zustand';
import type { PlanTerm } from '../plans';

/** `checking` until the first GET /api/auth/session answers. */
export type AuthStatus = 'checking' | 'signedIn' | 'signedOut';

/** `expired`: the server stopped accepting the session (it ran out, or was ended elsewhere). */
export type SignOutReason = 'loggedOut' | 'expired';

interface AuthState {
  status: AuthStatus;
  session: SessionView | null;
  signOutReason: SignOutReason | null;
  signedIn(session: SessionView): void;
  signedOut(reason?: SignOutReason): void;
  /** The company's plan as the API now has it (an invoice was paid meanwhile): the session follows. */
  planChanged(term: PlanTerm): void;
}

export const useAuthStore = create<AuthState>()((set) => ({
  status: 'checking',
  session: null,
  signOutReason: null,
  signedIn: (session) => set({ status: 'signedIn', session, signOutReason: null }),
  signedOut: (reason) => set({ status: 'signedOut', session: null, signOutReason: reason ?? null }),
  planChanged: ({ plan, planExpiresAt }) =>
    set(({ session }) => {
      const tenant = session?.tenant;
      if (!session || !tenant || (tenant.plan === plan && tenant.planExpiresAt === planExpiresAt)) return {};
      return { session: { ...session, tenant: { ...tenant, plan, planExpiresAt } } };
    }),
}));
