// «Проверить ответ»: the owner (or a manager) asks a question as a client would, and sees what the
// bot would answer, then what it found to answer from: the curated pairs and the passages of
// documents, each with its scores, whether it passed, and a link to its entry.
import { Bot, CircleCheck, CircleMinus, MessageCirclePlus, SearchCheck } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, type CheckView, type KnowledgeSettingsBody, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { TextField } from '@/lib/ui/TextField';
import { entryPath } from './EntryParts';
import { passagePlace, passageText } from './passages';
import { formatSimilarity } from './scores';

/** The API's limit on a question to check. */
const QUESTION_MAX = 1000;

type Pair = CheckView['pairs'][number];
type Passage = CheckView['passages'][number];

interface CheckCardProps {
  settings: KnowledgeSettingsBody;
  /** Opens the pair editor with the question checked. */
  onAddPair(question: string): void;
}

export function CheckCard({ settings, onAddPair }: CheckCardProps) {
  const text = t.knowledge.check;
  const titleId = useId();
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<CheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async () => {
    if (busy || !question.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.knowledge.check(question.trim()));
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure.fields.question ?? failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader titleId={titleId} title={text.title} description={text.description} />
      <div className="space-y-5 px-5 py-5">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
        >
          <TextField
            name="question"
            label={text.question}
            value={question}
            maxLength={QUESTION_MAX}
            placeholder={text.placeholder}
            onChange={(event) => {
              setQuestion(event.target.value);
              setError(null);
            }}
            error={error ?? undefined}
            autoComplete="off"
            action={
              <Button type="submit" icon={SearchCheck} loading={busy} disabled={!question.trim()}>
                <span className="max-sm:sr-only">{text.submit}</span>
              </Button>
            }
          />
        </form>
        {result && <CheckResult result={result} settings={settings} onAddPair={onAddPair} />}
      </div>
    </Card>
  );
}

function CheckResult({ result, settings, onAddPair }: { result: CheckView } & CheckCardProps) {
  const text = t.knowledge.check;
  const answered = result.pairs.some((pair) => pair.passed);
  const foundAnything = result.pairs.length > 0 || result.passages.length > 0;
  return (
    <div aria-live="polite" className="space-y-5">
      <div>
        <p className="mb-1.5 flex flex-wrap items-center gap-x-2 text-xs font-medium text-zinc-500">
          <Bot aria-hidden size={14} className="text-zinc-400" />
          {text.reply}
          <span className="font-normal text-zinc-400">· {text.responders[result.responder]}</span>
        </p>
        <div className="rounded-2xl rounded-tl-md bg-zinc-100 px-4 py-3 text-sm leading-relaxed break-words whitespace-pre-line text-zinc-900">
          {result.reply}
        </div>
      </div>
      {!result.vectors && <Alert tone="warning">{text.noVectors}</Alert>}
      {result.normalized && <p className="text-xs text-zinc-500">{text.searched(result.normalized)}</p>}
      {foundAnything ? (
        <>
          {result.pairs.length > 0 && (
            <FoundGroup title={text.pairs}>
              {result.pairs.map((pair) => (
                <PairHit key={pair.entryId} pair={pair} threshold={settings.qaSimilarity} />
              ))}
            </FoundGroup>
          )}
          {result.passages.length > 0 && (
            <FoundGroup title={text.passages}>
              {result.passages.map((passage) => (
                // A document may give several passages; no two of its passages say the same.
                <PassageHit
                  key={`${passage.entryId}:${passage.content}`}
                  passage={passage}
                  threshold={settings.minSimilarity}
                />
              ))}
            </FoundGroup>
          )}
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-600">
          {text.nothing}
        </p>
      )}
      {!answered && (
        <Button variant="secondary" size="sm" icon={MessageCirclePlus} onClick={() => onAddPair(result.question)}>
          {text.addPair}
        </Button>
      )}
    </div>
  );
}

function FoundGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h3>
      <ul className="space-y-2">{children}</ul>
    </section>
  );
}

function PairHit({ pair, threshold }: { pair: Pair; threshold: number }) {
  return (
    <Hit passed={pair.passed} entryId={pair.entryId} title={pair.question}>
      <p className="line-clamp-3 text-[13px] text-zinc-600">
        <span className="font-medium text-zinc-700">{t.knowledge.check.answerOf}</span> {pair.answer}
      </p>
      <Scores vector={pair.vector} threshold={threshold} fullText={pair.fullText} trigram={null} />
    </Hit>
  );
}

function PassageHit({ passage, threshold }: { passage: Passage; threshold: number }) {
  return (
    <Hit passed={passage.passed} entryId={passage.entryId} title={passagePlace(passage)}>
      <p className="line-clamp-4 text-[13px] whitespace-pre-line text-zinc-600">{passageText(passage)}</p>
      <Scores vector={passage.vector} threshold={threshold} fullText={passage.fullText} trigram={passage.trigram} />
    </Hit>
  );
}

function Hit({
  passed,
  entryId,
  title,
  children,
}: {
  passed: boolean;
  entryId: string;
  title: string;
  children: ReactNode;
}) {
  const text = t.knowledge.check;
  const Mark = passed ? CircleCheck : CircleMinus;
  return (
    <li
      className={cx(
        'rounded-lg border px-3.5 py-3',
        passed ? 'border-emerald-200 bg-emerald-50/40' : 'border-zinc-200 bg-white',
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <Link
          to={entryPath(entryId)}
          className="hover:text-brand-700 min-w-0 text-sm font-medium break-words text-zinc-900 hover:underline"
        >
          {title}
        </Link>
        <span
          className={cx(
            'inline-flex shrink-0 items-center gap-1 text-xs font-medium',
            passed ? 'text-emerald-700' : 'text-zinc-500',
          )}
        >
          <Mark aria-hidden size={14} />
          {passed ? text.passed : text.notPassed}
        </span>
      </div>
      <div className="mt-1 space-y-1.5">{children}</div>
    </li>
  );
}

interface ScoresProps {
  vector: number | null;
  threshold: number;
  fullText: Pair['fullText'];
  trigram: number | null;
}

/** Each search leg's raw score: by meaning (against the threshold it must reach), by words, with typos. */
function Scores({ vector, threshold, fullText, trigram }: ScoresProps) {
  const { scores } = t.knowledge.check;
  const chips = [
    vector !== null && scores.vector(formatSimilarity(vector), formatSimilarity(threshold)),
    fullText !== null && fullText.total > 0 && scores.fullText(fullText.matched, fullText.total),
    trigram !== null && scores.trigram(formatSimilarity(trigram)),
  ].filter((chip): chip is string => typeof chip === 'string');
  if (chips.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-1.5">
      {chips.map((chip) => (
        <span key={chip} className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-[11px] text-zinc-600 tabular-nums">
          {chip}
        </span>
      ))}
    </p>
  );
}
