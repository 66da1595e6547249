// Copying a value to the clipboard, with a moment of «Скопировано» after; without clipboard access
// (an insecure origin, a denied permission) a toast says to copy by hand, the value being on screen.
import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';

const TICK_MS = 2000;

export function useCopy() {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), TICK_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast(t.integrations.copy.failed, 'error');
    }
  };
  return { copied, copy };
}
