// «Интеграции», the owner's: the company's Telegram bot, and the journal of everything the
// outbox sent (emails and Telegram alerts), so the owner sees whether the alerts arrive.
import { t } from '@/lib/i18n';
import { PageHeader } from '@/lib/ui/PageHeader';
import { DeliveryLog } from './DeliveryLog';
import { TelegramCard } from './TelegramCard';

export function IntegrationsPage() {
  return (
    <>
      <PageHeader title={t.integrations.title} description={t.integrations.subtitle} />
      <div className="space-y-6">
        <TelegramCard />
        <p className="px-1 text-[13px] text-zinc-500">{t.integrations.more}</p>
        <DeliveryLog />
      </div>
    </>
  );
}
