// Code to read and copy on the webhook card: a dark block with its name and the copy button. Long
// lines scroll inside the block, never the page.
import { Check, Copy } from 'lucide-react';
import { useId } from 'react';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { useCopy } from './useCopy';

interface CodeBlockProps {
  label: string;
  code: string;
}

export function CodeBlock({ label, code }: CodeBlockProps) {
  const text = t.integrations.copy;
  const labelId = useId();
  const { copied, copy } = useCopy();

  return (
    <figure aria-labelledby={labelId} className="min-w-0 overflow-hidden rounded-xl bg-zinc-950 ring-1 ring-zinc-950/5">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-white/10 py-2 pr-2 pl-4">
        <span id={labelId} className="text-xs font-medium text-zinc-400">
          {label}
        </span>
        <Button size="sm" variant="secondary" icon={copied ? Check : Copy} onClick={() => copy(code)}>
          {copied ? text.copied : text.copy}
        </Button>
      </div>
      <pre className="max-h-96 overflow-auto px-4 py-4 text-[12.5px] leading-relaxed">
        <code className="font-mono text-zinc-200">{code}</code>
      </pre>
    </figure>
  );
}
