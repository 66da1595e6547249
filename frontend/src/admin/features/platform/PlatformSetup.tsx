// What a fresh platform still needs, on the superadmin's first page: the seller's requisites and
// a support contact (set here, in the panel), and SMTP, the AI gateway and APP_SECRET (set in the
// server's environment). Done items drop out; with nothing left the card is not shown.
import { CircleAlert } from 'lucide-react';
import { Link } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';

const loadSetup = (signal: AbortSignal) => api.platform.setup(signal);

const actionPath = {
  seller: sections.seller.path,
  support: `${sections.seller.path}#support`,
  smtp: `${sections.deliveries.path}?channel=email`,
  llm: null,
  appSecret: null,
} as const;

export function PlatformSetup() {
  const { data } = useResource(loadSetup);
  const missing = data?.checks.filter((check) => !check.done) ?? [];
  if (missing.length === 0) return null;
  const text = t.platform.setup;
  return (
    <Card className="mb-6" aria-labelledby="platform-setup">
      <CardHeader titleId="platform-setup" title={text.title} description={text.description} />
      <ul className="divide-y divide-zinc-100">
        {missing.map(({ id }) => {
          const check = text.checks[id];
          const path = actionPath[id];
          const action = 'action' in check ? check.action : undefined;
          return (
            <li key={id} className="flex flex-wrap items-start gap-3 px-5 py-3.5">
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-500" />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-zinc-900">{check.title}</p>
                <p className="mt-0.5 text-[13px] text-zinc-500">{check.text}</p>
              </div>
              {path && action && (
                <Link to={path} className="text-brand-700 hover:text-brand-800 text-sm font-medium">
                  {action}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
