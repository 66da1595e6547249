// The Telegram card of «Интеграции»: connecting the company's bot, and once it is connected, how
// it gets updates (and why they stopped, if they did), whether it announces every new dialog,
// who of the team gets its alerts, a test message to all of them, and disconnecting it.
import type { TelegramIntegrationView, TelegramTestView } from '@aimax/backend/contracts';
import { Bot, ExternalLink, Send, Unplug } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { NotificationsDialog } from '../account/NotificationsDialog';
import { BotMembers } from './BotMembers';
import { ConnectBotForm } from './ConnectBotForm';
import { ConnectionBadge, IntegrationCard } from './IntegrationCard';
import { TelegramMark } from './IntegrationMarks';
import { useView } from './useView';

const loadIntegration = (signal: AbortSignal) => api.integrations.telegram(signal);

type BotView = NonNullable<TelegramIntegrationView['bot']>;

/** What «Проверить» found: who got the message and who did not, or why nobody could. */
type TestOutcome = { result: TelegramTestView } | { refused: string };

interface TelegramCardProps {
  /** The last delivery, under the card. */
  footer?: ReactNode;
  /** The bot was connected or disconnected. */
  onChange(): void;
}

export function TelegramCard({ footer, onChange }: TelegramCardProps) {
  const text = t.integrations.telegram;
  const integration = useView(loadIntegration);
  const { view, setView: setChanged } = integration;

  return (
    <IntegrationCard
      id="telegram"
      title={text.title}
      mark={<TelegramMark />}
      description={text.description}
      status={view && <ConnectionBadge state={view.bot ? 'connected' : 'notConnected'} />}
      footer={footer}
    >
      {integration.error && !view && (
        <Alert title={t.errors.loadFailed} onRetry={integration.reload} className="m-5">
          {integration.error.message}
        </Alert>
      )}
      {!integration.error && !view && <TelegramSkeleton />}
      {view &&
        (view.bot ? (
          <ConnectedBot
            bot={view.bot}
            members={view.members}
            onChanged={setChanged}
            onDisconnected={() => {
              setChanged({ bot: null, members: view.members.map((each) => ({ ...each, chat: null })) });
              onChange();
            }}
            reload={integration.reload}
          />
        ) : (
          <ConnectBotForm
            onConnected={(connected) => {
              setChanged(connected);
              if (connected.bot) toast(text.connected(connected.bot.username));
              onChange();
            }}
          />
        ))}
    </IntegrationCard>
  );
}

interface ConnectedBotProps {
  bot: BotView;
  members: TelegramIntegrationView['members'];
  onChanged(view: TelegramIntegrationView): void;
  onDisconnected(): void;
  reload(): void;
}

function ConnectedBot({ bot, members, onChanged, onDisconnected, reload }: ConnectedBotProps) {
  const text = t.integrations.telegram;
  const user = useAuthStore((state) => state.session?.user);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [linkingMine, setLinkingMine] = useState(false);

  const changeNotify = async (notifyNewDialogs: boolean) => {
    setSaving(true);
    try {
      onChanged(await api.integrations.setTelegramSettings({ notifyNewDialogs }));
      toast(notifyNewDialogs ? text.notifyOn : text.notifyOff);
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setSaving(false);
    }
  };

  const test = async () => {
    setTesting(true);
    setOutcome(null);
    try {
      setOutcome({ result: await api.integrations.testTelegram() });
      // A chat that blocked the bot is marked so by the test: the list shows it.
      reload();
    } catch (caught) {
      setOutcome({ refused: toApiError(caught).message });
    } finally {
      setTesting(false);
    }
  };

  const disconnect = async () => {
    await api.integrations.disconnectTelegram();
    toast(text.disconnected);
    onDisconnected();
  };

  return (
    <>
      <div className="space-y-5 px-5 py-5">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="flex min-w-0 items-center gap-3">
            <span
              aria-hidden
              className="flex size-10 shrink-0 items-center justify-center rounded-full bg-sky-500 text-white"
            >
              <Bot size={20} />
            </span>
            <div className="min-w-0">
              <a
                href={bot.url}
                target="_blank"
                rel="noreferrer"
                title={text.openBot(bot.username)}
                className="hover:text-brand-700 inline-flex items-center gap-1 font-semibold text-zinc-900"
              >
                @{bot.username}
                <ExternalLink aria-hidden size={14} className="text-zinc-400" />
              </a>
              <p className="text-xs text-zinc-500">
                {text.modes[bot.mode]} · {text.since(formatDateTime(bot.connectedAt))}
              </p>
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" icon={Send} loading={testing} onClick={test}>
              {text.test}
            </Button>
            <Button variant="secondary" icon={Unplug} onClick={() => setConfirming(true)}>
              {text.disconnect}
            </Button>
          </div>
        </div>
        {bot.problem && (
          <Alert tone="warning" title={text.problem}>
            {bot.problem}
          </Alert>
        )}
        {outcome && <TestResult outcome={outcome} />}
        <Switch
          checked={bot.notifyNewDialogs}
          onChange={changeNotify}
          disabled={saving}
          label={text.notifyNewDialogs}
          description={text.notifyNewDialogsText}
        />
      </div>
      <BotMembers members={members} currentUserId={user?.id ?? ''} onLinkMine={() => setLinkingMine(true)} />

      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={text.disconnectTitle}
        description={text.disconnectText(bot.username)}
        confirmLabel={text.disconnect}
        onConfirm={disconnect}
      />
      <NotificationsDialog
        open={linkingMine}
        email={user?.email ?? ''}
        onClose={() => {
          setLinkingMine(false);
          reload();
        }}
      />
    </>
  );
}

function TestResult({ outcome }: { outcome: TestOutcome }) {
  const text = t.integrations.telegram;
  if ('refused' in outcome) return <Alert tone="warning">{outcome.refused}</Alert>;
  const { sent, failed } = outcome.result;
  const lines: ReactNode[] = [];
  if (sent.length > 0) lines.push(<p key="sent">{text.testSent(sent.join(', '))}</p>);
  if (failed.length > 0) {
    lines.push(
      <div key="failed" className={sent.length > 0 ? 'mt-1.5' : undefined}>
        <p>{text.testFailed}</p>
        <ul className="mt-0.5 list-disc pl-5">
          {failed.map((chat) => (
            <li key={chat.telegramName}>
              <span className="font-medium">{chat.telegramName}</span> — {chat.reason}
            </li>
          ))}
        </ul>
      </div>,
    );
  }
  return <Alert tone={failed.length > 0 ? 'warning' : 'success'}>{lines}</Alert>;
}

function TelegramSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4 px-5 py-5">
      <div className="flex items-center gap-3">
        <Skeleton className="size-10 rounded-full" />
        <div className="space-y-1.5">
          <Skeleton className="h-4 w-36" />
          <Skeleton className="h-3 w-52" />
        </div>
      </div>
      <Skeleton className="h-10 w-full max-w-md rounded-lg" />
    </div>
  );
}
