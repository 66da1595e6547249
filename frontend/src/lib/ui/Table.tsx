// Table parts with the panel's one table style; wide tables scroll sideways on small screens.
import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from './cx';

export function Table({ className, ...rest }: HTMLAttributes<HTMLTableElement>) {
  return (
    // `relative` keeps absolutely placed children (sr-only labels) inside the scrolling box;
    // otherwise they widen the whole page on a phone.
    <div className="relative overflow-x-auto">
      <table className={cx('w-full border-collapse text-left text-sm', className)} {...rest} />
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx(
        'whitespace-nowrap border-zinc-100 border-b bg-zinc-50/60 px-5 py-2.5 font-medium text-xs text-zinc-500',
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx('border-zinc-100 border-b px-5 py-3 align-middle text-zinc-700', className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx('transition-colors last:[&>td]:border-b-0 hover:bg-zinc-50/70', className)} {...rest} />;
}
