import { Info } from 'lucide-react';
import { useId } from 'react';

/**
 * An «i» beside a heading that explains how a figure is counted: shown on hover and on focus,
 * and read by screen readers as the button's description. The explanation opens under the
 * heading, from its left edge (the heading's row is `relative`), so it stays on a phone's screen.
 */
export function InfoTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <span className="group inline-flex align-middle">
      <button
        type="button"
        aria-describedby={id}
        className="focus-visible:outline-brand-500 rounded-full text-zinc-400 transition-colors hover:text-zinc-600 focus-visible:text-zinc-600 focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        <Info aria-hidden size={15} />
        <span className="sr-only">{label}</span>
      </button>
      <span
        role="tooltip"
        id={id}
        className="pointer-events-none absolute top-full left-0 z-20 mt-2 hidden w-72 max-w-full rounded-lg bg-zinc-900 px-3 py-2 text-left text-xs leading-relaxed font-normal text-white shadow-lg group-focus-within:block group-hover:block"
      >
        {text}
      </span>
    </span>
  );
}
