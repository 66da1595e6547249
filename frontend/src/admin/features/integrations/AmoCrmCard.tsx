// The amoCRM card of «Интеграции». A plan without integrations is told which plan has them; a
// platform without an amoCRM integration says so calmly. Otherwise the owner connects the account
// on amoCRM's consent page, which sends the browser back here (the page reads how it went), and
// once connected sees the account, tests it, chooses where the deals go and what fills their
// fields, or disconnects it. When amoCRM stops accepting our access, leads wait for the owner to
// reconnect, and the card says so above all else.
import type { AmoConnectionView, AmoIntegrationView } from '@aimax/backend/contracts';
import { ExternalLink, Plug, RefreshCw, Send, Unplug } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { NumberedSteps } from '@/lib/ui/NumberedSteps';
import { Skeleton } from '@/lib/ui/Skeleton';
import { AmoSettings } from './AmoSettings';
import type { AmoCallback } from './amoCallback';
import { ConnectionBadge, IntegrationCard, LockedBadge } from './IntegrationCard';
import { AmoCrmMark } from './IntegrationMarks';
import { TestResult, useIntegrationTest } from './IntegrationTest';
import { LockedNotice, type PlanAccess } from './LockedNotice';
import { useView } from './useView';

const loadIntegration = (signal: AbortSignal) => api.integrations.amocrm(signal);

interface AmoCrmCardProps {
  /** Unknown while the page's overview loads. */
  access: PlanAccess | undefined;
  /** How the return from amoCRM's consent page went, when the page was opened by it. */
  callback: AmoCallback | null;
  footer?: ReactNode;
  /** Connected or disconnected. */
  onChange(): void;
}

export function AmoCrmCard({ access, ...rest }: AmoCrmCardProps) {
  if (access?.available) return <AmoCrmIntegration {...rest} />;
  return (
    <AmoCrmFrame status={access && <LockedBadge plan={access.unlockedBy} />}>
      {access ? <LockedNotice plan={access.unlockedBy} /> : <AmoCrmSkeleton />}
    </AmoCrmFrame>
  );
}

function AmoCrmFrame({ status, footer, children }: { status?: ReactNode; footer?: ReactNode; children: ReactNode }) {
  const text = t.integrations.amocrm;
  return (
    <IntegrationCard
      id="amocrm"
      title={text.title}
      mark={<AmoCrmMark />}
      description={text.description}
      status={status}
      footer={footer}
    >
      {children}
    </IntegrationCard>
  );
}

function AmoCrmIntegration({ callback, footer, onChange }: Omit<AmoCrmCardProps, 'access'>) {
  const text = t.integrations.amocrm;
  const integration = useView(loadIntegration);
  const { view, setView } = integration;
  const connection = view?.connection ?? null;
  const status =
    view &&
    (connection ? (
      <ConnectionBadge state={connection.status === 'reauth_required' ? 'reauth' : 'connected'} />
    ) : (
      view.configured && <ConnectionBadge state="notConnected" />
    ));

  return (
    <AmoCrmFrame status={status} footer={footer}>
      {callback && (
        <div className="px-5 pt-5">
          {callback.outcome === 'connected' ? (
            <Alert tone="success" title={text.connected}>
              {text.connectedText}
            </Alert>
          ) : (
            <Alert title={text.callbackFailed}>{callback.reason ?? text.callbackFailedText}</Alert>
          )}
        </div>
      )}
      {integration.error && !view ? (
        <Alert title={t.errors.loadFailed} onRetry={integration.reload} className="m-5">
          {integration.error.message}
        </Alert>
      ) : !view ? (
        <AmoCrmSkeleton />
      ) : connection ? (
        <AmoConnection
          connection={connection}
          onSaved={setView}
          onStale={integration.reload}
          onDisconnected={() => {
            setView({ ...view, connection: null });
            onChange();
          }}
        />
      ) : view.configured ? (
        <ConnectAmo />
      ) : (
        <div className="px-5 py-5">
          <Alert tone="info" title={text.notConfigured.title}>
            {text.notConfigured.text}
          </Alert>
        </div>
      )}
    </AmoCrmFrame>
  );
}

/** Leaves for amoCRM's consent page; amoCRM sends the browser back to this page. */
function useAuthorize() {
  const [going, setGoing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const authorize = async () => {
    setGoing(true);
    setError(null);
    try {
      const { url } = await api.integrations.authorizeAmocrm();
      // The spinner stays on while the browser leaves.
      window.location.assign(url);
    } catch (caught) {
      setError(toApiError(caught).message);
      setGoing(false);
    }
  };
  return { going, error, authorize };
}

function ConnectAmo() {
  const text = t.integrations.amocrm;
  const { going, error, authorize } = useAuthorize();
  return (
    <div className="grid gap-6 px-5 py-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{text.howTo}</h3>
        <NumberedSteps steps={text.steps.map((step) => ({ key: step, content: step }))} className="mt-3" />
      </div>
      <div className="space-y-3 lg:border-l lg:border-zinc-100 lg:pl-6">
        <Button icon={Plug} loading={going} onClick={authorize}>
          {text.connect}
        </Button>
        {error && (
          <p role="alert" className="text-[13px] text-red-600">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

interface AmoConnectionProps {
  connection: AmoConnectionView;
  onSaved(view: AmoIntegrationView): void;
  /** amoCRM refused our access while the card thought it connected: the card loads again. */
  onStale(): void;
  onDisconnected(): void;
}

function AmoConnection({ connection, onSaved, onStale, onDisconnected }: AmoConnectionProps) {
  const text = t.integrations.amocrm;
  const { testing, outcome, test } = useIntegrationTest(api.integrations.testAmocrm);
  const reconnect = useAuthorize();
  const [confirming, setConfirming] = useState(false);
  const reauth = connection.status === 'reauth_required';
  const host = connection.accountUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');

  const disconnect = async () => {
    await api.integrations.disconnectAmocrm();
    toast(text.disconnected);
    onDisconnected();
  };

  return (
    <>
      <div className="space-y-5 px-5 py-5">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="min-w-0">
            <a
              href={connection.accountUrl}
              target="_blank"
              rel="noreferrer"
              title={text.openAccount(host)}
              className="hover:text-brand-700 inline-flex items-center gap-1 font-semibold break-all text-zinc-900"
            >
              {host}
              <ExternalLink aria-hidden size={14} className="shrink-0 text-zinc-400" />
            </a>
            <p className="text-xs text-zinc-500">{text.since(formatDateTime(connection.connectedAt))}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" icon={Send} loading={testing} disabled={reauth} onClick={test}>
              {text.test}
            </Button>
            <Button variant="secondary" icon={Unplug} onClick={() => setConfirming(true)}>
              {text.disconnect}
            </Button>
          </div>
        </div>
        {reauth && (
          <Alert tone="warning" title={text.reauth.title}>
            <p>{text.reauth.text}</p>
            {connection.problem && <p className="mt-1">{connection.problem}</p>}
            <Button icon={RefreshCw} loading={reconnect.going} onClick={reconnect.authorize} className="mt-3">
              {text.reconnect}
            </Button>
            {reconnect.error && (
              <p role="alert" className="mt-2 text-red-700">
                {reconnect.error}
              </p>
            )}
          </Alert>
        )}
        {outcome && <TestResult outcome={outcome} />}
      </div>
      {reauth ? (
        <p className="border-t border-zinc-100 px-5 py-4 text-[13px] text-zinc-500">{text.settingsAfterReauth}</p>
      ) : (
        <AmoSettings settings={connection.settings} onSaved={onSaved} onStale={onStale} />
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={text.disconnectTitle}
        description={text.disconnectText(host)}
        confirmLabel={text.disconnect}
        onConfirm={disconnect}
      />
    </>
  );
}

function AmoCrmSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4 px-5 py-5">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-3 w-72 max-w-full" />
      <Skeleton className="h-10 w-44 rounded-lg" />
    </div>
  );
}
