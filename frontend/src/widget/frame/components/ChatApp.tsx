import { MessageCircleWarning } from 'lucide-react';
import { m } from 'motion/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { focusConversation } from '../focus';
import { applyTheme } from '../theme';
import { ChatHeader, HeaderShell } from './ChatHeader';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { FunnelProgress } from './FunnelProgress';

function Skeleton({ onClose }: { onClose: (() => void) | null }) {
  return (
    <>
      <HeaderShell onClose={onClose}>
        <span className="relative size-10 shrink-0 animate-pulse rounded-full bg-current/20" />
        <span className="relative flex-1 space-y-2">
          <span className="block h-3.5 w-36 animate-pulse rounded bg-current/20" />
          <span className="block h-2.5 w-24 animate-pulse rounded bg-current/15" />
        </span>
      </HeaderShell>
      <div role="status" aria-label={t.loading.label} className="flex-1 space-y-3 bg-zinc-50 px-4 pt-5">
        <span className="block h-16 animate-pulse rounded-2xl bg-zinc-200/70" />
        <span className="block h-10 w-3/4 animate-pulse rounded-2xl bg-zinc-200/70" />
        <span className="ml-auto block h-10 w-1/2 animate-pulse rounded-2xl bg-zinc-200/70" />
      </div>
    </>
  );
}

function LoadFailed({ message, onClose }: { message: string | null; onClose: (() => void) | null }) {
  const start = useChatStore((state) => state.start);
  return (
    <>
      <HeaderShell onClose={onClose}>
        <span />
      </HeaderShell>
      <div role="alert" className="flex flex-1 flex-col items-center justify-center gap-3 bg-zinc-50 px-8 text-center">
        <MessageCircleWarning aria-hidden size={36} className="text-zinc-400" />
        <p className="font-semibold text-zinc-900">{t.loading.failed}</p>
        {message && <p className="text-sm text-zinc-500">{message}</p>}
        <button
          type="button"
          onClick={() => void start()}
          className="bg-primary text-on-primary focus-visible:outline-primary mt-1 rounded-xl px-4 py-2.5 text-sm font-semibold shadow-sm hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {t.loading.retry}
        </button>
      </div>
    </>
  );
}

/** `onClose` folds the panel on the host page; null when the frame is opened on its own. */
export function ChatApp({ onClose }: { onClose: (() => void) | null }) {
  const { phase, loadError, config, focusRequest } = useChatStore(
    useShallow((state) => ({
      phase: state.phase,
      loadError: state.loadError,
      config: state.config,
      focusRequest: state.focusRequest,
    })),
  );

  useEffect(() => {
    if (!config) return;
    applyTheme(config, document.documentElement);
    document.title = config.companyName;
  }, [config]);

  // On load and whenever the page reopens the panel, the focus comes into the conversation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each request is a new reason to focus.
  useEffect(() => {
    if (phase === 'ready') focusConversation();
  }, [phase, focusRequest]);

  useEffect(() => {
    if (!onClose) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <m.div
      className="flex h-full flex-col bg-white"
      initial={{ opacity: 0, y: 8 }}
      animate={{ opacity: 1, y: 0 }}
      transition={{ duration: 0.25, ease: [0.2, 0.8, 0.2, 1] }}
    >
      {phase === 'ready' && config ? (
        <>
          <ChatHeader config={config} onClose={onClose} />
          <FunnelProgress />
          <Conversation config={config} />
          <Composer poweredBy={config.poweredBy ? config.poweredByUrl : null} />
        </>
      ) : phase === 'failed' ? (
        <LoadFailed message={loadError} onClose={onClose} />
      ) : (
        <Skeleton onClose={onClose} />
      )}
    </m.div>
  );
}
