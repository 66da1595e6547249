import { initials } from '../format';
import { cx } from './cx';

interface AvatarProps {
  name: string;
  email: string;
  size?: 'sm' | 'md';
  className?: string;
}

export function Avatar({ name, email, size = 'md', className }: AvatarProps) {
  return (
    <span
      aria-hidden
      className={cx(
        'inline-flex shrink-0 select-none items-center justify-center rounded-full bg-gradient-to-br from-brand-500 to-violet-500 font-semibold text-white',
        size === 'sm' ? 'size-7 text-[11px]' : 'size-9 text-xs',
        className,
      )}
    >
      {initials(name, email)}
    </span>
  );
}
