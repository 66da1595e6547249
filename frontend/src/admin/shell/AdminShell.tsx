// The frame of every signed-in page: the sidebar (a drawer on phones), the top bar, for the owner
// a notice of limits near or spent, and the page itself, which fades in when the route changes.
import { motion } from 'motion/react';
import { useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { useDocumentTitle } from '@/lib/useDocumentTitle';
import { sectionAt } from '../navigation';
import { MobileSidebar } from './MobileSidebar';
import { Sidebar } from './Sidebar';
import { Topbar } from './Topbar';
import { UsageBanner } from './UsageBanner';

export function AdminShell() {
  const session = useAuthStore((state) => state.session);
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useDocumentTitle(sectionAt(pathname)?.label);
  // RequireAuth renders the shell only for a signed-in user.
  if (!session) return null;

  return (
    <div className="min-h-dvh lg:pl-64">
      <aside className="fixed inset-y-0 left-0 z-40 hidden w-64 border-r border-zinc-200/80 bg-white lg:block">
        <Sidebar role={session.user.role} />
      </aside>
      <MobileSidebar open={drawerOpen} onClose={() => setDrawerOpen(false)} role={session.user.role} />
      <div className="flex min-h-dvh flex-col">
        <Topbar session={session} onOpenNavigation={() => setDrawerOpen(true)} />
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
          {/* Limits are the owner's to act on; the API keeps billing from managers. */}
          {session.user.role === 'owner' && <UsageBanner />}
          <motion.div
            key={pathname}
            initial={{ opacity: 0, y: 6 }}
            animate={{ opacity: 1, y: 0 }}
            transition={{ duration: 0.22, ease: 'easeOut' }}
          >
            <Outlet />
          </motion.div>
        </main>
      </div>
    </div>
  );
}
