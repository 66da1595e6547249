import { cx } from './cx';

/** A grey placeholder the size of content that is still loading. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx('animate-pulse rounded-md bg-zinc-200/70', className)} />;
}
