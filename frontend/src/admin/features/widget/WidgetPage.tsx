// The Widget section: the snippet that puts the chat on the company's site, the sites allowed to
// show it and its own domain. The Metrika goals it reaches moved to «Интеграции»; a line here
// leads there, as owners used to find them on this page.
import { ChartNoAxesColumnIncreasing } from 'lucide-react';
import { Link } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { DomainCard } from './DomainCard';
import { InstallCard } from './InstallCard';
import { WidgetSettingsForm } from './WidgetSettingsForm';

const loadSettings = (signal: AbortSignal) => api.widget.getSettings(signal);

export function WidgetPage() {
  const settings = useResource(loadSettings);

  return (
    <>
      <PageHeader title={t.widget.title} description={t.widget.subtitle} />
      {settings.error && !settings.data && (
        <Alert title={t.errors.loadFailed} onRetry={settings.reload}>
          {settings.error.message}
        </Alert>
      )}
      {!settings.error && !settings.data && <WidgetSkeleton />}
      {settings.data && (
        <div className="space-y-6">
          <InstallCard snippet={settings.data.snippet} widgetKey={settings.data.widgetKey} seen={settings.data.seen} />
          <WidgetSettingsForm initial={settings.data} />
          <Link
            to={`${sections.integrations.path}#metrika`}
            className="hover:text-brand-700 flex w-fit items-center gap-2 px-1 text-sm text-zinc-600 underline-offset-2 hover:underline"
          >
            <ChartNoAxesColumnIncreasing aria-hidden size={16} className="shrink-0 text-zinc-400" />
            {t.widget.metrikaMoved}
          </Link>
          <DomainCard
            available={settings.data.customDomain.available}
            unlockedBy={settings.data.customDomain.unlockedBy}
            onChange={settings.reload}
          />
        </div>
      )}
    </>
  );
}

function WidgetSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <Card>
        <div className="border-b border-zinc-100 px-5 py-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-2 h-3 w-72 max-w-full" />
        </div>
        <div className="space-y-5 px-5 py-5">
          <Skeleton className="h-28 w-full rounded-xl" />
          <div className="grid gap-4 sm:grid-cols-3">
            {['copy', 'paste', 'publish'].map((step) => (
              <Skeleton key={step} className="h-10 w-full" />
            ))}
          </div>
        </div>
      </Card>
      <Card>
        <div className="space-y-4 px-5 py-5">
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-3 w-72 max-w-full" />
          <Skeleton className="h-10 w-full max-w-md rounded-lg" />
        </div>
      </Card>
    </div>
  );
}
