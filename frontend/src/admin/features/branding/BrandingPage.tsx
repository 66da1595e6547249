// The Branding section: the company's look (TenantBranding) and its bot (BotSettings), each
// saved on its own, beside a preview of the widget that follows the forms as the owner types.
import type { BotSettingsView, BrandingView } from '@aimax/backend/contracts';
import { useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useForm } from '@/lib/useForm';
import { useResource } from '@/lib/useResource';
import { BotSettingsCard } from './BotSettingsCard';
import { CompanyBrandingCard } from './CompanyBrandingCard';
import { botValuesOf, brandingValuesOf, previewConfigOf } from './formValues';
import { PreviewPanel } from './PreviewPanel';

interface Settings {
  branding: BrandingView;
  bot: BotSettingsView;
}

const loadSettings = async (signal: AbortSignal): Promise<Settings> => {
  const [branding, bot] = await Promise.all([api.branding.get(signal), api.botSettings.get(signal)]);
  return { branding, bot };
};

export function BrandingPage() {
  const settings = useResource(loadSettings);

  return (
    <>
      <PageHeader title={t.branding.title} description={t.branding.subtitle} />
      {settings.error && !settings.data && (
        <Alert title={t.errors.loadFailed} onRetry={settings.reload}>
          {settings.error.message}
        </Alert>
      )}
      {!settings.error && !settings.data && <BrandingSkeleton />}
      {settings.data && <BrandingEditor initial={settings.data} />}
    </>
  );
}

/** The forms and the preview, from settings loaded once; afterwards every save answers with the new state. */
function BrandingEditor({ initial }: { initial: Settings }) {
  const [branding, setBranding] = useState(initial.branding);
  const [bot, setBot] = useState(initial.bot);
  const brandingForm = useForm(brandingValuesOf(initial.branding));
  const botForm = useForm(botValuesOf(initial.bot));

  const preview = previewConfigOf({
    branding: brandingForm.values,
    savedBranding: branding,
    bot: botForm.values,
    avatar: bot.avatar,
    poweredBy: branding.poweredBy,
  });

  return (
    // On wide screens the preview stays in view beside the forms (pinned where the screen is tall
    // enough to show all of it); on a phone it goes above them, folded.
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,380px)]">
      <div className="space-y-6 max-lg:order-2">
        <CompanyBrandingCard form={brandingForm} saved={branding} onSaved={setBranding} />
        <BotSettingsCard form={botForm} saved={bot} onSaved={setBot} />
      </div>
      <aside className="max-lg:order-1 lg:[@media(min-height:800px)]:sticky lg:[@media(min-height:800px)]:top-24">
        <PreviewPanel config={preview} whiteLabelPlan={branding.whiteLabelPlan} />
      </aside>
    </div>
  );
}

/** The fields of the two cards, so the placeholder has their rhythm. */
const skeletonCards = [
  { card: 'company', fields: ['name', 'colors', 'welcomeTitle', 'welcomeText'] },
  { card: 'bot', fields: ['name', 'greeting'] },
];

function BrandingSkeleton() {
  return (
    <div aria-busy="true" className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,380px)]">
      <div className="space-y-6">
        {skeletonCards.map(({ card, fields }) => (
          <Card key={card}>
            <div className="border-b border-zinc-100 px-5 py-4">
              <Skeleton className="h-4 w-48" />
              <Skeleton className="mt-2 h-3 w-72 max-w-full" />
            </div>
            <div className="space-y-5 px-5 py-5">
              <Skeleton className="h-28 w-full rounded-xl" />
              {fields.map((field) => (
                <div key={field}>
                  <Skeleton className="h-3.5 w-32" />
                  <Skeleton className="mt-2 h-10 w-full rounded-lg" />
                </div>
              ))}
            </div>
          </Card>
        ))}
      </div>
      <Card className="hidden lg:block">
        <div className="border-b border-zinc-100 px-5 py-4">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="mt-2 h-3 w-56" />
        </div>
        <div className="space-y-3 px-8 py-6">
          <Skeleton className="h-16 w-full rounded-xl" />
          <Skeleton className="h-20 w-full rounded-xl" />
          <Skeleton className="h-28 w-full rounded-xl" />
          <Skeleton className="ml-auto size-14 rounded-full" />
        </div>
      </Card>
    </div>
  );
}
