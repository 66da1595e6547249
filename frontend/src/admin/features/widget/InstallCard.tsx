// The snippet to paste into the company's site, how to paste it, and the widget key it carries;
// and whether it works there: the last site of the company's that loaded it, and when.
import type { WidgetSettingsView } from '@aimax/backend/contracts';
import { Check, CircleDashed, Copy, KeyRound, Radio } from 'lucide-react';
import { Fragment, useRef, useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { NumberedSteps } from '@/lib/ui/NumberedSteps';

interface InstallCardProps {
  snippet: string;
  widgetKey: string;
  seen: WidgetSettingsView['seen'];
}

export function InstallCard({ snippet, widgetKey, seen }: InstallCardProps) {
  const text = t.widget.install;
  const steps = [
    { key: 'copy', content: text.copyStep },
    {
      key: 'paste',
      content: (
        <>
          {text.pasteStep.before}{' '}
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px]">{'</body>'}</code>{' '}
          {text.pasteStep.after}
        </>
      ),
    },
    { key: 'publish', content: text.publishStep },
  ];

  return (
    <Card aria-labelledby="widget-install-title">
      <CardHeader titleId="widget-install-title" title={text.title} description={text.description} />
      <div className="space-y-6 px-5 py-5">
        <p
          className={cx(
            'flex items-start gap-2 rounded-lg px-3 py-2.5 text-[13px]',
            seen ? 'bg-emerald-50 text-emerald-800' : 'bg-zinc-50 text-zinc-600',
          )}
        >
          {seen ? (
            <Radio aria-hidden className="mt-px size-4 shrink-0 text-emerald-600" />
          ) : (
            <CircleDashed aria-hidden className="mt-px size-4 shrink-0 text-zinc-400" />
          )}
          {seen ? text.seen(new URL(seen.origin).host, formatDateTime(seen.at)) : text.notSeen}
        </p>
        <Snippet snippet={snippet} />
        <NumberedSteps steps={steps} columns />
        <div className="grid gap-5 border-t border-zinc-100 pt-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,280px)]">
          <div>
            <h3 className="text-sm font-semibold text-zinc-900">{text.platformsTitle}</h3>
            <dl className="mt-2 grid gap-x-6 gap-y-2 text-[13px] leading-relaxed sm:grid-cols-2">
              {text.platforms.map((platform) => (
                <div key={platform.name}>
                  <dt className="inline font-medium text-zinc-800">{platform.name}: </dt>
                  <dd className="inline text-zinc-600">{platform.text}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-[13px] text-zinc-500">{text.async}</p>
          </div>
          <div>
            <h3 className="flex items-center gap-1.5 text-sm font-semibold text-zinc-900">
              <KeyRound aria-hidden size={15} className="text-zinc-400" />
              {text.key}
            </h3>
            <p className="mt-2 font-mono text-[13px] break-all text-zinc-800">{widgetKey}</p>
            <p className="mt-1 text-[13px] text-zinc-500">{text.keyHint}</p>
          </div>
        </div>
      </div>
    </Card>
  );
}

/** The snippet as code, with its parts tinted the way editors show HTML, and a copy button. */
function Snippet({ snippet }: { snippet: string }) {
  const text = t.widget.install;
  const code = useRef<HTMLElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setState('copied');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): the code is selected for
      // the owner to copy by hand.
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setState('failed');
    }
  };

  return (
    <div>
      <figure
        aria-labelledby="widget-snippet-label"
        className="overflow-hidden rounded-xl bg-zinc-950 shadow-sm ring-1 ring-zinc-950/5"
      >
        <div className="flex items-center justify-between gap-3 border-b border-white/10 py-2 pr-2 pl-4">
          <span id="widget-snippet-label" className="text-xs font-medium text-zinc-400">
            {text.code}
          </span>
          <Button
            size="sm"
            variant={state === 'copied' ? 'secondary' : 'primary'}
            icon={state === 'copied' ? Check : Copy}
            onClick={copy}
          >
            {state === 'copied' ? text.copied : text.copy}
          </Button>
        </div>
        <pre className="px-4 py-4 text-[13px] leading-relaxed whitespace-pre-wrap">
          <code ref={code} className="font-mono break-all text-zinc-200">
            {tokensOf(snippet).map((token) => (
              <Fragment key={token.at}>
                {token.kind === 'plain' ? token.text : <span className={tints[token.kind]}>{token.text}</span>}
              </Fragment>
            ))}
          </code>
        </pre>
      </figure>
      <p aria-live="polite" className={cx('text-[13px] text-red-600', state === 'failed' && 'mt-1.5')}>
        {state === 'failed' && text.copyFailed}
      </p>
    </div>
  );
}

type TokenKind = 'plain' | 'tag' | 'attribute' | 'value';

const tints: Record<Exclude<TokenKind, 'plain'>, string> = {
  tag: 'text-pink-300',
  attribute: 'text-sky-300',
  value: 'text-emerald-300',
};

interface Token {
  kind: TokenKind;
  text: string;
  /** Where the token starts in the line. */
  at: number;
}

/** Splits an HTML tag into tag names, attribute names and quoted values: enough for one line. */
function tokensOf(html: string): Token[] {
  let at = 0;
  return html
    .split(/(<\/?[a-z]+|>|"[^"]*"|(?<=\s)[a-z-]+)/)
    .filter(Boolean)
    .map((part) => {
      const token: Token = { kind: kindOf(part), text: part, at };
      at += part.length;
      return token;
    });
}

function kindOf(part: string): TokenKind {
  if (part.startsWith('"')) return 'value';
  if (part.startsWith('<') || part === '>') return 'tag';
  if (/^[a-z-]+$/.test(part)) return 'attribute';
  return 'plain';
}
