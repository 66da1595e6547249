// The bot's face: the uploaded avatar, or the first letter of its name on the company's colour.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { MessageCircle } from 'lucide-react';
import { cx } from '@/lib/ui/cx';

interface BotAvatarProps {
  bot: WidgetConfigView['bot'];
  size: 'sm' | 'md';
  /** In the header, on the primary colour: the letter sits on a translucent disc. */
  onPrimary?: boolean;
}

export function BotAvatar({ bot, size, onPrimary = false }: BotAvatarProps) {
  const box = size === 'md' ? 'size-10 text-base' : 'size-7 text-xs';
  if (bot.avatarUrl) {
    return (
      <img
        src={bot.avatarUrl}
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
        onPrimary ? 'bg-current/15 ring-1 ring-current/25' : 'bg-primary text-on-primary',
        box,
      )}
    >
      {bot.name.trim().charAt(0).toUpperCase() || <MessageCircle size={size === 'md' ? 18 : 14} />}
    </span>
  );
}
