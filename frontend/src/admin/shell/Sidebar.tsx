import { NavLink } from 'react-router';
import type { Role } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { Logo } from '@/lib/ui/Logo';
import { navigationFor } from '../navigation';

interface SidebarProps {
  role: Role;
  /** Called after a link is followed, so the mobile drawer can close. */
  onNavigate?: () => void;
}

/** The logo and the role's sections; the same content fills the desktop column and the mobile drawer. */
export function Sidebar({ role, onNavigate }: SidebarProps) {
  return (
    <div className="flex h-full flex-col">
      <div className="flex h-16 shrink-0 items-center px-5">
        <Logo />
      </div>
      <nav aria-label={t.nav.label} className="flex-1 space-y-6 overflow-y-auto px-3 py-4">
        {navigationFor(role).map((group) => (
          <div key={group.label}>
            <p className="mb-1.5 px-3 text-[11px] font-medium tracking-wider text-zinc-400 uppercase">{group.label}</p>
            <ul className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.path}>
                  <NavLink
                    to={item.path}
                    end={item.path === '/'}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      cx(
                        'group flex items-center gap-3 rounded-lg px-3 py-2 font-medium text-sm transition-colors',
                        isActive
                          ? 'bg-zinc-900/[0.05] text-zinc-900'
                          : 'text-zinc-600 hover:bg-zinc-900/[0.03] hover:text-zinc-900',
                      )
                    }
                  >
                    {({ isActive }) => (
                      <>
                        <item.icon
                          aria-hidden
                          size={18}
                          strokeWidth={1.9}
                          className={cx(
                            'shrink-0 transition-colors',
                            isActive ? 'text-brand-600' : 'text-zinc-400 group-hover:text-zinc-600',
                          )}
                        />
                        {item.label}
                      </>
                    )}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </div>
  );
}
