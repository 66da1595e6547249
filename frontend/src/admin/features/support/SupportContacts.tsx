// How to reach the platform's support, wherever a message sends a company there: a suspended
// account, invoicing not yet possible, an error of ours. Nothing shows until the superadmin has
// set a contact (GET /api/support, public).
import { Mail, MessageCircle, Phone } from 'lucide-react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useResource } from '@/lib/useResource';

/** The errors whose message tells the reader to contact support. */
const SUPPORT_CODES = new Set(['TENANT_SUSPENDED', 'SELLER_NOT_CONFIGURED', 'INTERNAL']);
export const needsSupport = (code: string | null | undefined) => Boolean(code && SUPPORT_CODES.has(code));

const loadSupport = (signal: AbortSignal) => api.support(signal);

export function SupportContacts() {
  const { data } = useResource(loadSupport);
  const support = data?.support;
  if (!support) return null;
  const text = t.support;
  const links: { icon: typeof Mail; label: string; href: string }[] = [];
  if (support.email) links.push({ icon: Mail, label: support.email, href: `mailto:${support.email}` });
  if (support.phone) {
    links.push({ icon: Phone, label: support.phone, href: `tel:${support.phone.replace(/[^\d+]/g, '')}` });
  }
  if (support.telegram) {
    const href = `https://t.me/${encodeURIComponent(support.telegram)}`;
    links.push({ icon: MessageCircle, label: `@${support.telegram}`, href });
  }
  return (
    <section aria-label={text.title} className="mt-3 text-[13px] text-zinc-600">
      <p className="font-medium text-zinc-700">{text.title}</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {links.map(({ icon: Icon, label, href }) => (
          <li key={href}>
            <a
              href={href}
              className="text-brand-700 hover:text-brand-800 inline-flex items-center gap-1.5 underline-offset-2 hover:underline"
              {...(href.startsWith('https:') ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
            >
              <Icon aria-hidden className="size-3.5" />
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
