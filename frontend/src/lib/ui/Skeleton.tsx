import { cx } from './cx';

/** A grey placeholder the size of content that is still loading. */
export function Skeleton({ className }: { className?: string }) {
  // Classes do not override each other by their order in `className` (the stylesheet's order
  // decides, and it puts rounded-md after rounded-full), so the default corner is left out
  // whenever the caller gives one.
  const rounded = /(^|\s)rounded-/.test(className ?? '') ? null : 'rounded-md';
  return <div aria-hidden className={cx('animate-pulse bg-zinc-200/70', rounded, className)} />;
}
