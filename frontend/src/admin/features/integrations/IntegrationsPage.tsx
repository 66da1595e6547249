// «Интеграции», the owner's: a card per integration (Telegram, amoCRM, Webhook, Yandex Metrika),
// each saying whether it is connected and how its last delivery went, and the journal of
// everything the outbox sent, which a card's «Журнал» narrows to its channel. The overview says
// whether the plan has amoCRM and the webhook; the server refuses them otherwise, whatever the page.
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type DeliveryChannel } from '@/lib/api';
import { t } from '@/lib/i18n';
import { PageHeader } from '@/lib/ui/PageHeader';
import { useResource } from '@/lib/useResource';
import { AmoCrmCard } from './AmoCrmCard';
import { type AmoCallback, readAmoCallback, withoutAmoCallback } from './amoCallback';
import { DELIVERY_LOG_ID, DeliveryLog } from './DeliveryLog';
import { LastDelivery } from './LastDelivery';
import { MetrikaCard } from './MetrikaCard';
import { TelegramCard } from './TelegramCard';
import { useDeliveryLog } from './useDeliveryLog';
import { useRefreshWhile } from './useRefreshWhile';
import { WebhookCard } from './WebhookCard';

const loadOverview = (signal: AbortSignal) => api.integrations.overview(signal);

type Channel = Extract<DeliveryChannel, 'telegram' | 'amocrm' | 'webhook'>;

/** Read once, when amoCRM's consent page sent the browser here, and taken off the address. */
function useAmoCallback(): AmoCallback | null {
  const [params, setParams] = useSearchParams();
  const [callback] = useState(() => readAmoCallback(params));
  useEffect(() => {
    if (callback) setParams(withoutAmoCallback(params), { replace: true });
  }, [callback, params, setParams]);
  return callback;
}

export function IntegrationsPage() {
  const overview = useResource(loadOverview);
  const log = useDeliveryLog();
  const callback = useAmoCallback();
  const channels = overview.data?.channels;
  useRefreshWhile(
    Object.values(channels ?? {}).some((channel) => channel.lastDelivery?.status === 'pending'),
    overview,
  );

  const { reload: reloadOverview } = overview;
  const { reload: reloadLog, show } = log;
  const changed = useCallback(() => {
    reloadOverview();
    reloadLog();
  }, [reloadOverview, reloadLog]);

  const showLog = (channel: Channel) => {
    show({ channel });
    const journal = document.getElementById(DELIVERY_LOG_ID);
    journal?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    journal?.focus({ preventScroll: true });
  };

  const footer = (channel: Channel) => (
    <LastDelivery
      delivery={channels?.[channel].lastDelivery}
      channel={t.deliveryChannels[channel]}
      onShowLog={() => showLog(channel)}
    />
  );

  const access = overview.data && { available: overview.data.available, unlockedBy: overview.data.unlockedBy.name };

  return (
    <>
      <PageHeader title={t.integrations.title} description={t.integrations.subtitle} />
      <div className="space-y-6">
        <TelegramCard footer={footer('telegram')} onChange={changed} />
        <AmoCrmCard
          access={access}
          callback={callback}
          footer={access?.available ? footer('amocrm') : undefined}
          onChange={changed}
        />
        <WebhookCard access={access} footer={access?.available ? footer('webhook') : undefined} onChange={changed} />
        <MetrikaCard onChange={changed} />
        <DeliveryLog log={log} onRetried={reloadOverview} />
      </div>
    </>
  );
}
