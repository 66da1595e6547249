// The estimate, once the contacts are in: the price range in large type, what it is made of, the
// total, and the PDF. Each download asks for a fresh signed link (they expire within minutes).
import type { Estimate } from '@aimax/backend/contracts';
import { Download, FileText } from 'lucide-react';
import { m } from 'motion/react';
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { formatNumber, formatRubles } from '../format';
import { Spinner } from './Spinner';

const text = t.estimate;

/**
 * A tab for the PDF, opened while the click still counts as the visitor's: one opened after the
 * request returns would be blocked as a popup. It says what is coming until the link arrives.
 */
function openPlaceholderTab(): Window | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  tab.opener = null;
  tab.document.title = text.tabTitle;
  tab.document.body.textContent = text.tabText;
  return tab;
}

export function EstimateCard({ estimate, animate }: { estimate: Estimate; animate: boolean }) {
  const titleId = useId();
  const { pdf, estimatePdfLink } = useChatStore(
    useShallow((state) => ({ pdf: state.pdf, estimatePdfLink: state.estimatePdfLink })),
  );
  // Where the browser refused the tab, the link is offered to click (a click of its own is allowed).
  const [blockedLink, setBlockedLink] = useState<string | null>(null);

  const download = async () => {
    const tab = openPlaceholderTab();
    const url = await estimatePdfLink();
    if (!url) {
      tab?.close();
      return;
    }
    if (tab) tab.location.href = url;
    else setBlockedLink(url);
  };

  return (
    <m.article
      aria-labelledby={titleId}
      className="mt-4 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-zinc-950/5"
      initial={animate ? { opacity: 0, y: 14 } : false}
      animate={{ opacity: 1, y: 0 }}
      transition={{ duration: 0.35, ease: [0.2, 0.8, 0.2, 1] }}
    >
      <div className="bg-primary text-on-primary relative px-4 pt-3.5 pb-4">
        <span
          aria-hidden
          className="pointer-events-none absolute inset-0 bg-linear-to-br from-white/15 to-transparent"
        />
        <h2
          id={titleId}
          className="relative flex items-center gap-1.5 text-xs font-medium tracking-wide uppercase opacity-85"
        >
          <FileText aria-hidden size={14} />
          {text.title}
        </h2>
        <p className="relative mt-1.5 text-xs opacity-85">{text.range}</p>
        <p className="relative text-[26px] leading-tight font-bold tracking-tight tabular-nums">
          <span className="sr-only">{text.from} </span>
          {formatNumber(estimate.range.min)}
          <span aria-hidden> – </span>
          <span className="sr-only"> {text.to} </span>
          {formatRubles(estimate.range.max)}
        </p>
      </div>

      <ul className="divide-y divide-zinc-100 px-4">
        {estimate.lines.map((line) => (
          <li key={line.title} className="flex items-start justify-between gap-3 py-2.5">
            <div className="min-w-0">
              <p className="text-sm font-medium text-zinc-800">{line.title}</p>
              <p className="mt-0.5 text-xs text-zinc-500">{line.details}</p>
            </div>
            <span className="shrink-0 text-sm whitespace-nowrap text-zinc-800 tabular-nums">
              {formatRubles(line.amount)}
            </span>
          </li>
        ))}
      </ul>
      <div className="mx-4 flex items-baseline justify-between gap-3 border-t border-dashed border-zinc-200 py-3">
        <span className="text-sm font-semibold text-zinc-900">{text.total}</span>
        <span className="text-base font-bold whitespace-nowrap text-zinc-900 tabular-nums">
          {formatRubles(estimate.total)}
        </span>
      </div>

      <div className="px-4 pb-4">
        <p className="text-xs text-zinc-500">{text.note}</p>
        <button
          type="button"
          onClick={() => void download()}
          disabled={pdf.loading}
          className="bg-primary text-on-primary focus-visible:outline-primary mt-3 flex h-11 w-full items-center justify-center gap-2 rounded-xl text-sm font-semibold shadow-sm transition hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-wait disabled:opacity-70"
        >
          {pdf.loading ? <Spinner /> : <Download aria-hidden size={17} />}
          {pdf.loading ? text.preparing : text.download}
        </button>
        {pdf.error && (
          <p role="alert" className="mt-2 text-xs text-red-600">
            {pdf.error}
          </p>
        )}
        {blockedLink && !pdf.error && (
          <p role="alert" className="mt-2 text-xs text-zinc-600">
            {t.errors.popupBlocked}{' '}
            <a href={blockedLink} target="_blank" rel="noopener" className="text-primary font-medium underline">
              {text.download}
            </a>
          </p>
        )}
      </div>
    </m.article>
  );
}
