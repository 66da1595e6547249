// The panel's sections: where each lives, who may open it, and how the sidebar groups them.
// The sidebar and the route guards both read this, so a section hidden from a role is also
// closed to it.
import type { LucideIcon } from 'lucide-react';
import {
  BellRing,
  BookOpenText,
  Building2,
  Code2,
  CreditCard,
  Funnel,
  Inbox,
  Landmark,
  LayoutDashboard,
  MessagesSquare,
  Palette,
  Plug,
  ReceiptText,
  Users,
} from 'lucide-react';
import type { Role } from '@/lib/api';
import { t } from '@/lib/i18n';

export interface Section {
  path: string;
  label: string;
  icon: LucideIcon;
  roles: readonly Role[];
}

const MEMBERS: readonly Role[] = ['owner', 'manager'];
const OWNERS: readonly Role[] = ['owner'];
const PLATFORM: readonly Role[] = ['superadmin'];

export const sections = {
  dashboard: { path: '/', label: t.nav.dashboard, icon: LayoutDashboard, roles: MEMBERS },
  leads: { path: '/leads', label: t.nav.leads, icon: Inbox, roles: MEMBERS },
  dialogs: { path: '/dialogs', label: t.nav.dialogs, icon: MessagesSquare, roles: MEMBERS },
  knowledge: { path: '/knowledge', label: t.nav.knowledge, icon: BookOpenText, roles: MEMBERS },
  funnel: { path: '/funnel', label: t.nav.funnel, icon: Funnel, roles: OWNERS },
  branding: { path: '/branding', label: t.nav.branding, icon: Palette, roles: OWNERS },
  widget: { path: '/widget', label: t.nav.widget, icon: Code2, roles: OWNERS },
  integrations: { path: '/integrations', label: t.nav.integrations, icon: Plug, roles: OWNERS },
  billing: { path: '/billing', label: t.nav.billing, icon: CreditCard, roles: OWNERS },
  team: { path: '/team', label: t.nav.team, icon: Users, roles: OWNERS },
  tenants: { path: '/platform/tenants', label: t.nav.tenants, icon: Building2, roles: PLATFORM },
  invoices: { path: '/platform/invoices', label: t.nav.invoices, icon: ReceiptText, roles: PLATFORM },
  deliveries: { path: '/platform/deliveries', label: t.nav.deliveries, icon: BellRing, roles: PLATFORM },
  seller: { path: '/platform/seller', label: t.nav.seller, icon: Landmark, roles: PLATFORM },
} satisfies Record<string, Section>;

/** Pages outside the signed-in shell. */
export const publicPaths = {
  login: '/login',
  signup: '/signup',
  invite: '/invite/:token',
};

export interface NavGroup {
  label: string;
  items: Section[];
}

const groups: NavGroup[] = [
  { label: t.nav.groups.work, items: [sections.dashboard, sections.leads, sections.dialogs, sections.knowledge] },
  {
    label: t.nav.groups.settings,
    items: [
      sections.funnel,
      sections.branding,
      sections.widget,
      sections.integrations,
      sections.billing,
      sections.team,
    ],
  },
  {
    label: t.nav.groups.platform,
    items: [sections.tenants, sections.invoices, sections.deliveries, sections.seller],
  },
];

/** The sidebar for a role: only the sections it may open, empty groups left out. */
export function navigationFor(role: Role): NavGroup[] {
  return groups
    .map((group) => ({ ...group, items: group.items.filter((section) => section.roles.includes(role)) }))
    .filter((group) => group.items.length > 0);
}

/** Where a role starts after signing in. */
export const homeFor = (role: Role): string =>
  role === 'superadmin' ? sections.tenants.path : sections.dashboard.path;

const claims = (section: Section, pathname: string) =>
  section.path === '/' ? pathname === '/' : pathname === section.path || pathname.startsWith(`${section.path}/`);

/** The section a path belongs to, if any. */
export const sectionAt = (pathname: string): Section | undefined =>
  Object.values(sections).find((section) => claims(section, pathname));

/** Whether a role may open a path; a path no section claims (a 404) is not forbidden. */
export function canVisit(role: Role, pathname: string): boolean {
  const section = sectionAt(pathname);
  return !section || section.roles.includes(role);
}
