// How the company's server receives the webhook: the request, its headers, the answer AI Max
// waits for and when it retries, code that checks the signature, and a sample body.
import type { WebhookView } from '@aimax/backend/contracts';
import { ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { t } from '@/lib/i18n';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';
import { CodeBlock } from './CodeBlock';
import { type SnippetLanguage, snippetLanguages, verificationSnippets } from './webhookSnippets';

export function WebhookDocs({ sample }: { sample: WebhookView['sample'] }) {
  const text = t.integrations.webhook.docs;
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  const languageName = snippetLanguages.find((each) => each.value === language)?.label ?? language;

  return (
    <section aria-labelledby="webhook-docs-title" className="space-y-5 border-t border-zinc-100 px-5 py-5">
      <div>
        <h3 id="webhook-docs-title" className="text-sm font-semibold text-zinc-900">
          {text.title}
        </h3>
        <p className="mt-1 text-[13px] leading-relaxed text-zinc-600">
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-800">POST</code>{' '}
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-800">
            Content-Type: application/json
          </code>{' '}
          {text.request}
        </p>
        <dl className="mt-3 divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-[13px]">
          {text.headers.map((header) => (
            <div key={header.name} className="grid gap-1 px-3 py-2.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
              <dt className="font-mono font-medium text-zinc-900">{header.name}</dt>
              <dd className="text-zinc-600">{header.text}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-[13px] leading-relaxed text-zinc-600">{text.answer}</p>
      </div>
      <div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="min-w-0">
            <h4 className="text-sm font-semibold text-zinc-900">{text.verify}</h4>
            <p className="mt-0.5 text-[13px] text-zinc-500">{text.verifyHint}</p>
          </div>
          <SegmentedControl<SnippetLanguage>
            label={text.language}
            hideLabel
            options={snippetLanguages}
            value={language}
            onChange={setLanguage}
          />
        </div>
        <div className="mt-3">
          <CodeBlock label={languageName} code={verificationSnippets[language]} />
        </div>
      </div>
      <details className="group">
        <summary className="focus-visible:outline-brand-500 flex w-fit cursor-pointer list-none items-center gap-1.5 rounded text-sm font-semibold text-zinc-900 focus-visible:outline-2 [&::-webkit-details-marker]:hidden">
          <ChevronRight aria-hidden size={16} className="text-zinc-400 transition-transform group-open:rotate-90" />
          {text.sample}
        </summary>
        <div className="mt-3">
          <CodeBlock label="JSON" code={JSON.stringify(sample, null, 2)} />
        </div>
      </details>
    </section>
  );
}
