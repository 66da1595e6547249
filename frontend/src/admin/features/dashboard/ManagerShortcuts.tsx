import { ArrowUpRight } from 'lucide-react';
import { Link } from 'react-router';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { sections } from '../../navigation';

const shortcuts = [
  { section: sections.leads, text: t.dashboard.managerLinks.leads },
  { section: sections.dialogs, text: t.dashboard.managerLinks.dialogs },
  { section: sections.knowledge, text: t.dashboard.managerLinks.knowledge },
];

export function ManagerShortcuts() {
  return (
    <Card>
      <CardHeader title={t.dashboard.managerLinks.title} />
      <div className="grid gap-3 p-5 sm:grid-cols-3">
        {shortcuts.map(({ section, text }) => (
          <Link
            key={section.path}
            to={section.path}
            className="group hover:border-brand-200 hover:shadow-brand-900/5 rounded-xl border border-zinc-200 p-4 transition-all hover:shadow-md"
          >
            <div className="flex items-center justify-between">
              <span className="bg-brand-50 text-brand-600 flex size-9 items-center justify-center rounded-lg">
                <section.icon aria-hidden size={18} />
              </span>
              <ArrowUpRight
                aria-hidden
                size={16}
                className="group-hover:text-brand-500 text-zinc-300 transition-colors"
              />
            </div>
            <p className="mt-3 text-sm font-medium text-zinc-900">{section.label}</p>
            <p className="mt-1 text-sm text-zinc-500">{text}</p>
          </Link>
        ))}
      </div>
    </Card>
  );
}
