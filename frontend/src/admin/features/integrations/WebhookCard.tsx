// The webhook card of «Интеграции»: the address the company's server takes leads at, the secret
// their requests are signed with (shown once, when made), a test request, and how to receive
// them. A plan without integrations is told which plan has them.
import type { WebhookSecretView, WebhookView } from '@aimax/backend/contracts';
import { KeyRound, Pencil, Plug, RefreshCw, Save, Send, Unplug } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { CopyButton } from './CopyButton';
import { ConnectionBadge, IntegrationCard, LockedBadge } from './IntegrationCard';
import { WebhookMark } from './IntegrationMarks';
import { TestResult, useIntegrationTest } from './IntegrationTest';
import { LockedNotice, type PlanAccess } from './LockedNotice';
import { useView } from './useView';
import { WebhookDocs } from './WebhookDocs';

const loadWebhook = (signal: AbortSignal) => api.integrations.webhook(signal);

type Endpoint = NonNullable<WebhookView['endpoint']>;

interface WebhookCardProps {
  /** Unknown while the page's overview loads. */
  access: PlanAccess | undefined;
  footer?: ReactNode;
  /** Connected or disconnected. */
  onChange(): void;
}

export function WebhookCard({ access, ...rest }: WebhookCardProps) {
  if (access?.available) return <WebhookIntegration {...rest} />;
  return (
    <WebhookFrame status={access && <LockedBadge plan={access.unlockedBy} />}>
      {access ? <LockedNotice plan={access.unlockedBy} /> : <WebhookSkeleton />}
    </WebhookFrame>
  );
}

function WebhookFrame({ status, footer, children }: { status?: ReactNode; footer?: ReactNode; children: ReactNode }) {
  const text = t.integrations.webhook;
  return (
    <IntegrationCard
      id="webhook"
      title={text.title}
      mark={<WebhookMark />}
      description={text.description}
      status={status}
      footer={footer}
    >
      {children}
    </IntegrationCard>
  );
}

function WebhookIntegration({ footer, onChange }: Omit<WebhookCardProps, 'access'>) {
  const webhook = useView(loadWebhook);
  const { view, setView } = webhook;
  // The secret as the server gave it this once; gone with the box.
  const [secret, setSecret] = useState<string | null>(null);

  const saved = ({ secret: made, ...next }: WebhookSecretView) => {
    const connecting = !view?.endpoint;
    setView(next);
    if (made) setSecret(made);
    if (connecting) onChange();
  };

  return (
    <WebhookFrame
      status={view && <ConnectionBadge state={view.endpoint ? 'connected' : 'notConnected'} />}
      footer={footer}
    >
      {webhook.error && !view ? (
        <Alert title={t.errors.loadFailed} onRetry={webhook.reload} className="m-5">
          {webhook.error.message}
        </Alert>
      ) : !view ? (
        <WebhookSkeleton />
      ) : (
        <>
          <div className="space-y-5 px-5 py-5">
            {view.endpoint ? (
              <EndpointDetails
                endpoint={view.endpoint}
                onSaved={saved}
                onRemoved={() => {
                  setView({ ...view, endpoint: null });
                  setSecret(null);
                  onChange();
                }}
              />
            ) : (
              <UrlForm initial="" onSaved={saved} />
            )}
            {secret && <SecretBox secret={secret} onDone={() => setSecret(null)} />}
          </div>
          <WebhookDocs sample={view.sample} />
        </>
      )}
    </WebhookFrame>
  );
}

interface UrlFormProps {
  initial: string;
  onSaved(view: WebhookSecretView): void;
  /** Changing a connected endpoint's address can be given up. */
  onCancel?(): void;
}

function UrlForm({ initial, onSaved, onCancel }: UrlFormProps) {
  const text = t.integrations.webhook;
  const [url, setUrl] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const changing = onCancel !== undefined;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(undefined);
    try {
      const view = await api.integrations.saveWebhook({ url: url.trim() });
      toast(changing ? text.urlSaved : text.connected);
      onSaved(view);
    } catch (caught) {
      // WEBHOOK_URL_REFUSED explains the address (a private one, say): it belongs under the field.
      const failure = toApiError(caught);
      setError(failure.fields.url ?? failure.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="max-w-2xl">
      <TextField
        name="url"
        type="url"
        label={text.url}
        value={url}
        onChange={(event) => {
          setUrl(event.target.value);
          setError(undefined);
        }}
        error={error}
        hint={text.urlHint}
        placeholder={text.urlPlaceholder}
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        action={
          <Button type="submit" icon={changing ? Save : Plug} loading={saving} disabled={!url.trim()}>
            {changing ? text.save : text.connect}
          </Button>
        }
      />
      {onCancel && (
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={saving} className="mt-2 -ml-3">
          {t.common.cancel}
        </Button>
      )}
    </form>
  );
}

interface EndpointDetailsProps {
  endpoint: Endpoint;
  onSaved(view: WebhookSecretView): void;
  onRemoved(): void;
}

function EndpointDetails({ endpoint, onSaved, onRemoved }: EndpointDetailsProps) {
  const text = t.integrations.webhook;
  const { testing, outcome, test } = useIntegrationTest(api.integrations.testWebhook);
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [removing, setRemoving] = useState(false);

  const rotate = async () => onSaved(await api.integrations.rotateWebhookSecret());
  const remove = async () => {
    await api.integrations.removeWebhook();
    toast(text.disconnected);
    onRemoved();
  };

  return (
    <>
      {editing ? (
        <UrlForm
          initial={endpoint.url}
          onSaved={(view) => {
            setEditing(false);
            onSaved(view);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 flex-1">
            <p className="font-mono text-[14px] font-medium break-all text-zinc-900">{endpoint.url}</p>
            <p className="mt-0.5 text-xs text-zinc-500">{text.since(formatDateTime(endpoint.createdAt))}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" icon={Send} loading={testing} onClick={test}>
              {text.test}
            </Button>
            <Button variant="secondary" icon={Pencil} onClick={() => setEditing(true)}>
              {text.change}
            </Button>
            <Button variant="secondary" icon={Unplug} onClick={() => setRemoving(true)}>
              {text.disconnect}
            </Button>
          </div>
        </div>
      )}
      {outcome && <TestResult outcome={outcome} />}
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-zinc-200 px-3 py-2.5">
        <p className="flex min-w-0 items-center gap-2 text-[13px] text-zinc-600">
          <KeyRound aria-hidden size={15} className="shrink-0 text-zinc-400" />
          <span>{text.secret}:</span>
          <span className="font-mono break-all text-zinc-900">{endpoint.secretHint}</span>
        </p>
        <Button variant="ghost" size="sm" icon={RefreshCw} onClick={() => setRotating(true)} className="-my-1">
          {text.rotate}
        </Button>
      </div>
      <ConfirmDialog
        open={rotating}
        onClose={() => setRotating(false)}
        title={text.rotateTitle}
        description={text.rotateText}
        confirmLabel={text.rotateConfirm}
        onConfirm={rotate}
      />
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title={text.disconnectTitle}
        description={text.disconnectText(endpoint.url)}
        confirmLabel={text.disconnect}
        onConfirm={remove}
      />
    </>
  );
}

/** The whole secret, this once: to copy into the receiver before the box is closed. */
function SecretBox({ secret, onDone }: { secret: string; onDone(): void }) {
  const text = t.integrations.webhook.secretBox;
  const box = useRef<HTMLElement>(null);
  // Brought to the owner's attention, and to a screen reader's, as soon as it is there.
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <section
      ref={box}
      tabIndex={-1}
      aria-labelledby="webhook-secret-title"
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
    >
      <h3 id="webhook-secret-title" className="text-sm font-semibold text-amber-900">
        {text.title}
      </h3>
      <p className="mt-0.5 text-[13px] text-amber-900/90">{text.text}</p>
      <div className="mt-3 flex items-center gap-2 rounded-md bg-white py-1.5 pr-1.5 pl-3 ring-1 ring-amber-200">
        <code className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900">{secret}</code>
        <CopyButton value={secret} label={text.copy} />
      </div>
      <Button variant="secondary" size="sm" onClick={onDone} className="mt-3">
        {text.done}
      </Button>
    </section>
  );
}

function WebhookSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4 px-5 py-5">
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-10 w-full max-w-2xl rounded-lg" />
      <Skeleton className="h-3 w-64 max-w-full" />
    </div>
  );
}
