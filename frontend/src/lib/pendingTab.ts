// A new tab for a document that is still being made (a PDF behind a signed link). Browsers let a
// page open a tab only while handling the click that asks for it; a tab opened once the link
// arrives would be blocked as a pop-up. So the tab opens at once, titled as busy, and is sent to
// the document when its link comes.

export interface PendingTab {
  /** Sends the tab to `url`; false when the browser blocked the tab, so the link must be offered instead. */
  go(url: string): boolean;
  /** Closes the tab, when no document is coming after all. */
  close(): void;
}

export function openPendingTab(busyTitle: string): PendingTab {
  const tab = window.open('', '_blank');
  if (tab) tab.document.title = busyTitle;
  return {
    go(url) {
      if (!tab) return false;
      // The document has no business with the panel that opened it.
      tab.opener = null;
      tab.location.href = url;
      return true;
    },
    close() {
      tab?.close();
    },
  };
}
