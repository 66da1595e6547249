// A sample estimate PDF in the saved branding, the way customers receive theirs. The server
// renders it on demand and answers with a signed link that expires within minutes.
import type { SignedLinkView } from '@aimax/backend/contracts';
import { CircleAlert, ExternalLink, FileText } from 'lucide-react';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { openPendingTab } from '@/lib/pendingTab';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';

interface SampleEstimateProps {
  /** Unsaved branding does not reach the PDF; the owner is told so. */
  unsaved: boolean;
}

export function SampleEstimate({ unsaved }: SampleEstimateProps) {
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ created: SignedLinkView; inTab: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { estimate: text } = t.branding;

  const open = async () => {
    const tab = openPendingTab(text.busy);
    setBusy(true);
    setError(null);
    try {
      const created = await api.branding.estimatePreview();
      setLink({ created, inTab: tab.go(created.url) });
    } catch (caught) {
      tab.close();
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rounded-xl border border-zinc-200 bg-zinc-50/70 p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <span className="text-brand-600 hidden size-9 shrink-0 items-center justify-center rounded-lg bg-white shadow-xs ring-1 ring-zinc-200 sm:flex">
          <FileText aria-hidden size={18} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-zinc-900">{text.title}</p>
          <p className="mt-0.5 text-[13px] text-zinc-500">
            {text.text} {text.linkNote}
          </p>
        </div>
        <Button variant="secondary" icon={FileText} loading={busy} onClick={open} className="self-start sm:self-auto">
          {busy ? text.busy : text.button}
        </Button>
      </div>
      {unsaved && (
        <p className="mt-3 flex items-start gap-2 text-[13px] text-amber-800">
          <CircleAlert aria-hidden size={15} className="mt-px shrink-0 text-amber-500" />
          {text.unsaved}
        </p>
      )}
      {error && <Alert className="mt-3">{error}</Alert>}
      {link && !busy && (
        <p role="status" className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-zinc-600">
          {(link.inTab ? text.opened : text.ready)(formatTime(link.created.expiresAt))}
          <a
            href={link.created.url}
            target="_blank"
            rel="noopener noreferrer"
            className="text-brand-700 hover:text-brand-800 inline-flex items-center gap-1 font-medium hover:underline"
          >
            {text.openAgain}
            <ExternalLink aria-hidden size={13} />
          </a>
        </p>
      )}
    </div>
  );
}
