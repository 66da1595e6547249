// A lead's estimate PDF in a new tab. The server renders it on first request and answers with a
// signed link that works for a few minutes, so a fresh link is asked for on every click.
import type { SignedLinkView } from '@aimax/backend/contracts';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { openPendingTab } from '@/lib/pendingTab';
import { toast } from '@/lib/stores/useToastStore';

export function useEstimatePdf(leadId: string) {
  const [busy, setBusy] = useState(false);
  /** A link the browser would not open in a tab (a blocked pop-up), for the manager to follow. */
  const [blocked, setBlocked] = useState<SignedLinkView | null>(null);

  const open = async () => {
    const tab = openPendingTab(t.leads.pdf.busy);
    setBusy(true);
    setBlocked(null);
    try {
      const link = await api.leads.estimatePdf(leadId);
      if (!tab.go(link.url)) setBlocked(link);
    } catch (caught) {
      tab.close();
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return { open, busy, blocked };
}
