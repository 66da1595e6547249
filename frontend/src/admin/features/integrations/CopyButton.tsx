import { Check, Copy } from 'lucide-react';
import { t } from '@/lib/i18n';
import { IconButton } from '@/lib/ui/Button';
import { useCopy } from './useCopy';

/** An icon button that copies one value, such as a goal's identifier; its label says what. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { copied, copy } = useCopy();
  return (
    <IconButton
      icon={copied ? Check : Copy}
      label={copied ? t.integrations.copy.copied : label}
      onClick={() => copy(value)}
    />
  );
}
