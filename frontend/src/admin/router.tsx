// Paths to pages. Routes stay thin: each maps a path to a feature's page, behind the guard of
// the roles that section is open to (navigation.ts).
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { LoginPage } from './features/auth/LoginPage';
import { SignupPage } from './features/auth/SignupPage';
import { BillingPage } from './features/billing/BillingPage';
import { BrandingPage } from './features/branding/BrandingPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { DialogPage } from './features/dialogs/DialogPage';
import { DialogsPage } from './features/dialogs/DialogsPage';
import { InvitePage } from './features/invite/InvitePage';
import { LeadPage } from './features/leads/LeadPage';
import { LeadsPage } from './features/leads/LeadsPage';
import { DeliveriesPage } from './features/platform/deliveries/DeliveriesPage';
import { InvoicesPage } from './features/platform/invoices/InvoicesPage';
import { SellerPage } from './features/platform/seller/SellerPage';
import { TenantsPage } from './features/platform/TenantsPage';
import { TeamPage } from './features/team/TeamPage';
import { WidgetPage } from './features/widget/WidgetPage';
import { homeFor, publicPaths, type Section, sections } from './navigation';
import { AdminShell } from './shell/AdminShell';
import { GuestOnly, RequireAuth, RequireRole } from './shell/guards';
import { SessionGate } from './shell/SessionGate';
import { CrashPage, NotFoundPage, PageLoading } from './shell/StatusPages';

// The knowledge base, the funnel editor (with the funnel's rules and pricing, shared with the
// server) and the integrations come in chunks of their own when first opened, to keep them out of
// the panel's first load.
const KnowledgePage = lazy(() =>
  import('./features/knowledge/KnowledgePage').then((page) => ({ default: page.KnowledgePage })),
);
const KnowledgeEntryPage = lazy(() =>
  import('./features/knowledge/KnowledgeEntryPage').then((page) => ({ default: page.KnowledgeEntryPage })),
);

const FunnelPage = lazy(() => import('./features/funnel/FunnelPage').then((page) => ({ default: page.FunnelPage })));

const IntegrationsPage = lazy(() =>
  import('./features/integrations/IntegrationsPage').then((page) => ({ default: page.IntegrationsPage })),
);

const later = (page: ReactNode) => <Suspense fallback={<PageLoading />}>{page}</Suspense>;

/** A section's page, or with `subpath` a page inside it (`/leads/:id`), behind the section's guard. */
const guarded = (section: Section, page: ReactNode, subpath = '') => ({
  path: `${section.path}${subpath}`,
  element: <RequireRole section={section}>{page}</RequireRole>,
});

/** `/` is the dashboard of a company; the platform operator has none and starts at Companies. */
function Home() {
  const role = useAuthStore((state) => state.session?.user.role);
  if (role === 'superadmin') return <Navigate to={homeFor(role)} replace />;
  return (
    <RequireRole section={sections.dashboard}>
      <DashboardPage />
    </RequireRole>
  );
}

export const router = createBrowserRouter(
  [
    {
      element: <SessionGate />,
      errorElement: <CrashPage />,
      children: [
        {
          element: <GuestOnly />,
          children: [
            { path: publicPaths.login, element: <LoginPage /> },
            { path: publicPaths.signup, element: <SignupPage /> },
          ],
        },
        { path: publicPaths.invite, element: <InvitePage /> },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AdminShell />,
              children: [
                { index: true, element: <Home /> },
                guarded(sections.leads, <LeadsPage />),
                guarded(sections.leads, <LeadPage />, '/:id'),
                guarded(sections.dialogs, <DialogsPage />),
                guarded(sections.dialogs, <DialogPage />, '/:id'),
                guarded(sections.knowledge, later(<KnowledgePage />)),
                guarded(sections.knowledge, later(<KnowledgeEntryPage />), '/:id'),
                guarded(sections.funnel, later(<FunnelPage />)),
                guarded(sections.branding, <BrandingPage />),
                guarded(sections.widget, <WidgetPage />),
                guarded(sections.integrations, later(<IntegrationsPage />)),
                guarded(sections.billing, <BillingPage />),
                guarded(sections.team, <TeamPage />),
                guarded(sections.tenants, <TenantsPage />),
                guarded(sections.invoices, <InvoicesPage />),
                guarded(sections.deliveries, <DeliveriesPage />),
                // «Письма» became «Доставки»: old bookmarks land on the emails of the new page.
                {
                  path: '/platform/emails',
                  element: <Navigate to={`${sections.deliveries.path}?channel=email`} replace />,
                },
                guarded(sections.seller, <SellerPage />),
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ],
  { basename: '/admin' },
);
