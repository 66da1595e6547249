// The chat widget as a visitor meets it: the open panel above the round launcher. Purely
// presentational, drawn from the widget's own config (GET /api/widget/config), so the widget
// itself can take its look from here. Its header and avatar also frame the funnel editor's preview.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { ChevronDown, MessageCircle, SendHorizontal } from 'lucide-react';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { readableTextOn } from './colors';

/** A surface in the company's colour, with text that stays readable on it. */
export const primaryStyle = (color: string) => ({ backgroundColor: color, color: readableTextOn(color) });

interface WidgetPreviewProps {
  config: WidgetConfigView;
  className?: string;
}

export function WidgetPreview({ config, className }: WidgetPreviewProps) {
  const { preview: text } = t.branding;
  const primary = primaryStyle(config.primaryColor);
  const [mainReply, ...otherReplies] = text.quickReplies;

  return (
    <div className={cx('flex flex-col items-end gap-4', className)}>
      <div className="w-full overflow-hidden rounded-2xl bg-white shadow-2xl ring-1 shadow-zinc-950/15 ring-zinc-950/5">
        <PreviewChatHeader config={config} />

        <div className="space-y-3 bg-zinc-50 px-4 py-4">
          {(config.welcomeTitle || config.welcomeText) && (
            <div className="rounded-xl bg-white px-3.5 py-3 shadow-xs ring-1 ring-zinc-950/5">
              {config.welcomeTitle && (
                <p className="text-sm leading-snug font-semibold [overflow-wrap:anywhere] text-zinc-900">
                  {config.welcomeTitle}
                </p>
              )}
              {config.welcomeText && (
                <p className="mt-1 text-[13px] leading-relaxed [overflow-wrap:anywhere] whitespace-pre-line text-zinc-500">
                  {config.welcomeText}
                </p>
              )}
            </div>
          )}

          <div className="flex items-end gap-2">
            <BotAvatar config={config} size="sm" />
            <div className="min-w-0">
              {config.bot.name && <p className="mb-1 ml-1 text-[11px] text-zinc-400">{config.bot.name}</p>}
              <p className="rounded-2xl rounded-bl-sm bg-white px-3.5 py-2.5 text-[13px] leading-relaxed [overflow-wrap:anywhere] whitespace-pre-line text-zinc-800 shadow-xs ring-1 ring-zinc-950/5">
                {config.bot.greeting}
              </p>
            </div>
          </div>

          <div className="flex flex-wrap gap-1.5 pl-9">
            <span
              className="rounded-full px-3 py-1.5 text-xs font-medium shadow-xs"
              style={{ backgroundColor: config.accentColor, color: readableTextOn(config.accentColor) }}
            >
              {mainReply}
            </span>
            {otherReplies.map((reply) => (
              <span
                key={reply}
                className="rounded-full border bg-white px-3 py-1.5 text-xs font-medium text-zinc-800"
                style={{ borderColor: config.accentColor }}
              >
                {reply}
              </span>
            ))}
          </div>

          <p
            className="ml-auto w-fit max-w-[80%] rounded-2xl rounded-br-sm px-3.5 py-2.5 text-[13px] leading-relaxed shadow-xs"
            style={primary}
          >
            {text.visitorMessage}
          </p>
        </div>

        <div className="flex items-center gap-2 border-t border-zinc-100 px-3 py-2.5">
          <span className="flex h-9 min-w-0 flex-1 items-center truncate rounded-full bg-zinc-100 px-3.5 text-[13px] text-zinc-400">
            {text.inputPlaceholder}
          </span>
          <span className="flex size-9 shrink-0 items-center justify-center rounded-full" style={primary}>
            <SendHorizontal aria-hidden size={16} />
          </span>
        </div>
        {config.poweredBy && <p className="pb-2.5 text-center text-[11px] text-zinc-400">{text.poweredBy}</p>}
      </div>

      <span
        role="img"
        aria-label={text.launcher}
        className="flex size-14 items-center justify-center rounded-full shadow-lg ring-4 ring-white"
        style={primary}
      >
        <MessageCircle aria-hidden size={26} strokeWidth={2} />
      </span>
    </div>
  );
}

/** The chat's header: the logo (or the bot's avatar), the company's name, the bot online. */
export function PreviewChatHeader({ config }: { config: WidgetConfigView }) {
  const { preview: text } = t.branding;
  return (
    <div className="flex items-center gap-3 px-4 py-3.5" style={primaryStyle(config.primaryColor)}>
      {config.logoUrl ? (
        <span className="flex h-10 max-w-28 shrink-0 items-center rounded-lg bg-white px-2 py-1.5 shadow-sm">
          <img src={config.logoUrl} alt={config.companyName} className="max-h-full max-w-full object-contain" />
        </span>
      ) : (
        <BotAvatar config={config} size="md" onPrimary />
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate text-[15px] leading-tight font-semibold">{config.companyName}</p>
        <p className="mt-0.5 flex items-center gap-1.5 truncate text-xs opacity-85">
          <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-emerald-400 ring-2 ring-emerald-400/30" />
          {config.bot.name ? `${config.bot.name} · ${text.online}` : text.online}
        </p>
      </div>
      <ChevronDown aria-hidden size={20} className="shrink-0 opacity-75" />
    </div>
  );
}

interface BotAvatarProps {
  config: WidgetConfigView;
  size: 'sm' | 'md';
  /** In the header, on the primary colour: the letter sits on a translucent white disc. */
  onPrimary?: boolean;
}

export function BotAvatar({ config, size, onPrimary = false }: BotAvatarProps) {
  const box = size === 'md' ? 'size-10 text-sm' : 'size-7 text-xs';
  if (config.bot.avatarUrl) {
    return (
      <img
        src={config.bot.avatarUrl}
        alt=""
        className={cx('shrink-0 rounded-full object-cover ring-2', onPrimary ? 'ring-white/40' : 'ring-white', box)}
      />
    );
  }
  return (
    <span
      aria-hidden
      className={cx(
        'flex shrink-0 items-center justify-center rounded-full font-semibold',
        onPrimary && 'bg-white/20 ring-1 ring-white/30',
        box,
      )}
      style={
        onPrimary ? undefined : { backgroundColor: config.primaryColor, color: readableTextOn(config.primaryColor) }
      }
    >
      {config.bot.name.trim().charAt(0).toUpperCase() || <MessageCircle size={14} />}
    </span>
  );
}
