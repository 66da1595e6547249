// The «Воронка» section: the questions the widget asks and the prices it estimates with, edited
// as step cards beside a preview of the chat and of the estimate. The company's look (branding
// and bot) is loaded with the funnel, so the preview wears the widget's own colours.
import type { FunnelView, WidgetConfigView } from '@aimax/backend/contracts';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { botValuesOf, brandingValuesOf, previewConfigOf } from '../branding/formValues';
import { CARDS } from './draft';
import { FunnelEditor } from './FunnelEditor';

interface Loaded {
  view: FunnelView;
  look: WidgetConfigView;
}

const loadFunnel = async (signal: AbortSignal): Promise<Loaded> => {
  const [view, branding, bot] = await Promise.all([
    api.funnel.get(signal),
    api.branding.get(signal),
    api.botSettings.get(signal),
  ]);
  const look = previewConfigOf({
    branding: brandingValuesOf(branding),
    savedBranding: branding,
    bot: botValuesOf(bot),
    avatar: bot.avatar,
    poweredBy: branding.poweredBy,
  });
  return { view, look };
};

export function FunnelPage() {
  const loaded = useResource(loadFunnel);

  return (
    <>
      <PageHeader title={t.funnel.title} description={t.funnel.subtitle} />
      {loaded.error && !loaded.data && (
        <Alert title={t.errors.loadFailed} onRetry={loaded.reload}>
          {loaded.error.message}
        </Alert>
      )}
      {!loaded.error && !loaded.data && <FunnelSkeleton />}
      {loaded.data && <FunnelEditor initial={loaded.data.view} look={loaded.data.look} />}
    </>
  );
}

function FunnelSkeleton() {
  return (
    <div aria-busy="true" className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,380px)]">
      <div className="space-y-3">
        <Skeleton className="h-16 w-full rounded-xl" />
        {CARDS.map((card) => (
          <Card key={card} className="flex items-center gap-4 px-4 py-4">
            <Skeleton className="size-8 shrink-0 rounded-full" />
            <div className="min-w-0 flex-1">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="mt-2 h-3 w-64 max-w-full" />
            </div>
          </Card>
        ))}
      </div>
      <Card className="hidden lg:block">
        <div className="border-b border-zinc-100 px-5 py-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-2 h-3 w-56" />
        </div>
        <div className="space-y-3 px-8 py-6">
          <Skeleton className="h-14 w-full rounded-xl" />
          <Skeleton className="h-16 w-3/4 rounded-xl" />
          <Skeleton className="ml-auto h-10 w-2/3 rounded-full" />
          <Skeleton className="ml-auto h-10 w-1/2 rounded-full" />
        </div>
      </Card>
    </div>
  );
}
