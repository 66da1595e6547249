// The top of the chat in the company's colour: its logo (or the bot's avatar), its name, the bot
// shown online, and the button that folds the panel back into the launcher.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { ChevronDown, Headset } from 'lucide-react';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { BotAvatar } from './BotAvatar';

interface HeaderShellProps {
  onClose: (() => void) | null;
  children: ReactNode;
  /** Buttons before the close button. */
  actions?: ReactNode;
}

const headerButton =
  'relative flex size-9 shrink-0 items-center justify-center rounded-full transition-colors hover:bg-current/15 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-current';

/** The coloured bar and the close button, also shown while the chat loads or failed to. */
export function HeaderShell({ onClose, children, actions }: HeaderShellProps) {
  return (
    <header className="bg-primary text-on-primary relative flex min-h-16 shrink-0 items-center gap-3 px-4 py-3">
      <span aria-hidden className="pointer-events-none absolute inset-0 bg-linear-to-br from-white/15 to-transparent" />
      {children}
      <div className="relative -mr-1.5 ml-auto flex shrink-0 items-center gap-0.5">
        {actions}
        {onClose && (
          <button type="button" onClick={onClose} aria-label={t.header.close} className={headerButton}>
            <ChevronDown aria-hidden size={22} />
          </button>
        )}
      </div>
    </header>
  );
}

/** Who answers, under the company's name: the bot, a manager on the way, or the manager by name. */
function statusLine(config: WidgetConfigView, dialog: { state: string; operatorName: string | null }): string {
  if (dialog.state === 'operator' && dialog.operatorName) return t.header.operatorOnline(dialog.operatorName);
  if (dialog.state === 'waiting_operator') return t.header.waiting;
  return config.bot.name ? `${config.bot.name} · ${t.header.online}` : t.header.online;
}

export function ChatHeader({ config, onClose }: { config: WidgetConfigView; onClose: (() => void) | null }) {
  const { dialog, callError, callOperator } = useChatStore(
    useShallow((state) => ({ dialog: state.dialog, callError: state.callError, callOperator: state.callOperator })),
  );
  // Asked for already, or a manager is here: nothing more to ask.
  const canCall = dialog.state === 'ai' || dialog.state === 'closed';
  return (
    <HeaderShell
      onClose={onClose}
      actions={
        canCall && (
          <button
            type="button"
            onClick={() => void callOperator()}
            aria-label={t.header.callOperator}
            title={t.header.callOperator}
            className={headerButton}
          >
            <Headset aria-hidden size={19} />
          </button>
        )
      }
    >
      {config.logoUrl ? (
        <span className="relative flex h-10 max-w-28 shrink-0 items-center rounded-lg bg-white px-2 py-1.5 shadow-sm">
          <img src={config.logoUrl} alt="" className="max-h-full max-w-full object-contain" />
        </span>
      ) : (
        <BotAvatar bot={config.bot} size="md" onPrimary />
      )}
      <div className="relative min-w-0 flex-1">
        <h1 className="truncate text-[15px] leading-tight font-semibold">{config.companyName}</h1>
        <p className="mt-1 flex items-center gap-1.5 text-xs">
          <span aria-hidden className="ml-0.5 size-2 shrink-0 rounded-full bg-emerald-400 ring-2 ring-emerald-300/40" />
          <span className="truncate opacity-90">{statusLine(config, dialog)}</span>
        </p>
        {callError && (
          <p role="alert" className="mt-0.5 truncate text-xs font-medium">
            {callError}
          </p>
        )}
      </div>
    </HeaderShell>
  );
}
