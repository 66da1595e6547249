// The member's own Telegram, in «Уведомления»: once the owner has connected the company's bot,
// each member links their chat with a one-time deep link. While the link is out, the state is
// asked for every few seconds (and when the tab is back in focus, as the member returns from
// Telegram), so «Привязан» appears by itself once they press Start.
import type { MyTelegramView, TelegramLinkView } from '@aimax/backend/contracts';
import { ArrowRight, CircleCheck, ExternalLink, Link2, RefreshCw, Unlink } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatDateTime, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink, buttonClasses } from '@/lib/ui/Button';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Spinner } from '@/lib/ui/Spinner';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';

const POLL_MS = 3000;

const loadMine = (signal: AbortSignal) => api.account.telegram(signal);

const isActive = (chat: MyTelegramView['chat']) => chat !== null && chat.blockedAt === null;

/** `onLeave`: closes the dialog around it when the member follows a link to another page. */
export function TelegramLink({ onLeave }: { onLeave(): void }) {
  const text = t.account.notifications.telegram;
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  const mine = useResource(loadMine);
  // What the server answered to an unlink since the state was loaded; a reload replaces it.
  const [changed, setChanged] = useState<MyTelegramView | undefined>();
  const [loaded, setLoaded] = useState(mine.data);
  const [link, setLink] = useState<TelegramLinkView | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (loaded !== mine.data) {
    setLoaded(mine.data);
    setChanged(undefined);
  }
  // The member pressed Start: the link did its work.
  const linkedNow = link !== null && isActive(mine.data?.chat ?? null);
  useEffect(() => {
    if (!linkedNow) return;
    setLink(null);
    setChecked(false);
    toast(text.linkedToast);
  }, [linkedNow, text.linkedToast]);
  const view = changed ?? mine.data;
  const expired = link !== null && Date.parse(link.expiresAt) <= Date.now();
  const waiting = link !== null && !expired;

  const { reload } = mine;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, POLL_MS);
    window.addEventListener('focus', reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [waiting, reload]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const requestLink = () =>
    act(async () => {
      setChecked(false);
      setLink(await api.account.linkTelegram());
    });

  const unlink = () =>
    act(async () => {
      await api.account.unlinkTelegram();
      setLink(null);
      if (view) setChanged({ ...view, chat: null });
      toast(text.unlinked);
    });

  const check = () => {
    setChecked(true);
    reload();
  };

  if (mine.error && !view) {
    return (
      <Section>
        <Alert title={t.errors.loadFailed} onRetry={mine.reload}>
          {mine.error.message}
        </Alert>
      </Section>
    );
  }
  if (!view) {
    return (
      <Section>
        <Skeleton className="h-16" />
      </Section>
    );
  }

  if (!view.available) {
    return (
      <Section>
        <p className="text-sm text-zinc-500">{text.unavailable}</p>
        {isOwner && (
          <ButtonLink
            to={sections.integrations.path}
            variant="secondary"
            size="sm"
            icon={ArrowRight}
            onClick={onLeave}
            className="mt-3"
          >
            {text.toIntegrations}
          </ButtonLink>
        )}
      </Section>
    );
  }

  const { chat } = view;
  return (
    <Section>
      {error && <Alert className="mb-3">{error}</Alert>}
      {chat && !chat.blockedAt && !link && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex min-w-0 items-start gap-2 text-sm">
            <CircleCheck aria-hidden size={18} className="mt-px shrink-0 text-emerald-500" />
            <span className="min-w-0">
              <span className="block font-medium text-zinc-900">{text.linked(chat.telegramName)}</span>
              <span className="block text-[13px] text-zinc-500">{text.linkedSince(formatDateTime(chat.linkedAt))}</span>
            </span>
          </p>
          <Button variant="secondary" size="sm" icon={Unlink} loading={busy} onClick={unlink}>
            {text.unlink}
          </Button>
        </div>
      )}

      {chat?.blockedAt && !link && (
        <>
          <Alert tone="warning">{text.blocked}</Alert>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" icon={Link2} loading={busy} onClick={requestLink}>
              {text.relink}
            </Button>
            <Button variant="secondary" size="sm" icon={Unlink} disabled={busy} onClick={unlink}>
              {text.unlink}
            </Button>
          </div>
        </>
      )}

      {!chat && !link && (
        <>
          <p className="text-sm text-zinc-500">{text.intro(view.botUsername ?? '')}</p>
          <Button icon={Link2} loading={busy} onClick={requestLink} className="mt-3">
            {text.link}
          </Button>
        </>
      )}

      {link && expired && (
        <>
          <p className="text-sm text-zinc-500">{text.expired}</p>
          <Button icon={Link2} loading={busy} onClick={requestLink} className="mt-3">
            {text.newLink}
          </Button>
        </>
      )}

      {waiting && (
        <div className="border-brand-100 bg-brand-50/60 rounded-xl border p-4">
          <a href={link.url} target="_blank" rel="noreferrer" className={buttonClasses('primary', 'md', 'w-full')}>
            <ExternalLink aria-hidden size={16} />
            {text.open}
          </a>
          <p className="mt-3 text-[13px] leading-relaxed text-zinc-600">{text.linkHint(formatTime(link.expiresAt))}</p>
          <p aria-live="polite" className="mt-3 flex items-center gap-2 text-[13px] text-zinc-500">
            <Spinner size={14} />
            {text.waiting}
          </p>
          <Button variant="ghost" size="sm" icon={RefreshCw} onClick={check} className="mt-1 -ml-3">
            {text.check}
          </Button>
          {checked && !mine.loading && <p className="mt-2 text-[13px] text-amber-800">{text.notYet}</p>}
        </div>
      )}
    </Section>
  );
}

function Section({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="telegram-link-title" className="mt-5 border-t border-zinc-100 pt-5">
      <h3 id="telegram-link-title" className="mb-2 text-sm font-medium text-zinc-900">
        {t.account.notifications.telegram.title}
      </h3>
      {children}
    </section>
  );
}
