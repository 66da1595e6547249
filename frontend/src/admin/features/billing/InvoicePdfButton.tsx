// An invoice's PDF in a new tab. Its link is signed for a few minutes, so each click asks for a
// fresh one. When the browser blocks the tab, the button becomes a link to the PDF: following a
// link is never blocked. Once followed, the button comes back, as that link soon expires.
import type { SignedLinkView } from '@aimax/backend/contracts';
import { ExternalLink, FileText } from 'lucide-react';
import { useState } from 'react';
import { toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { openPendingTab } from '@/lib/pendingTab';
import { toast } from '@/lib/stores/useToastStore';
import { Button, buttonClasses, IconButton } from '@/lib/ui/Button';

interface InvoicePdfButtonProps {
  number: string;
  load(): Promise<SignedLinkView>;
  /** Just the icon, for a row that has other actions beside it. */
  iconOnly?: boolean;
}

export function InvoicePdfButton({ number, load, iconOnly = false }: InvoicePdfButtonProps) {
  const text = t.billing.history;
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<SignedLinkView | null>(null);

  const open = async () => {
    const tab = openPendingTab(text.pdfBusy);
    setBusy(true);
    try {
      const link = await load();
      if (!tab.go(link.url)) setBlocked(link);
    } catch (caught) {
      tab.close();
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  if (blocked) {
    return (
      <a
        href={blocked.url}
        target="_blank"
        rel="noopener noreferrer"
        onClick={() => setBlocked(null)}
        className={buttonClasses('secondary', 'sm')}
      >
        <ExternalLink aria-hidden size={16} />
        {text.pdfOpen}
      </a>
    );
  }
  if (iconOnly) return <IconButton icon={FileText} label={text.pdfLabel(number)} disabled={busy} onClick={open} />;
  return (
    <Button
      size="sm"
      variant="secondary"
      icon={FileText}
      loading={busy}
      onClick={open}
      aria-label={text.pdfLabel(number)}
    >
      {text.pdf}
    </Button>
  );
}
