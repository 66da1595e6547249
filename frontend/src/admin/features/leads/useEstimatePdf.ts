// A lead's estimate PDF in a new tab. The server renders it on first request and answers with a
// signed link that works for a few minutes, so a fresh link is asked for on every click.
import type { SignedLinkView } from '@aimax/backend/contracts';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';

export function useEstimatePdf(leadId: string) {
  const [busy, setBusy] = useState(false);
  /** A link the browser would not open in a tab (a blocked pop-up), for the manager to follow. */
  const [blocked, setBlocked] = useState<SignedLinkView | null>(null);

  const open = async () => {
    // A tab opened after the await would no longer count as the click's and be blocked as a
    // pop-up: it is opened now, says it is working, and is sent to the PDF once the link exists.
    const tab = window.open('', '_blank');
    if (tab) tab.document.title = t.leads.pdf.busy;
    setBusy(true);
    setBlocked(null);
    try {
      const link = await api.leads.estimatePdf(leadId);
      if (tab) {
        tab.opener = null;
        tab.location.href = link.url;
      } else {
        setBlocked(link);
      }
    } catch (caught) {
      tab?.close();
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return { open, busy, blocked };
}
