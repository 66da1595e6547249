// «Почти нашлось»: visitors' questions that came close to a curated pair but stayed under its
// threshold, so the bot did not answer them with it. One click makes such a question another
// phrasing of that pair (the owner's), or the start of a new pair (anyone's).
import { ListPlus, MessageCirclePlus, Radar } from 'lucide-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, type EntryView, toApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { entryPath } from './EntryParts';
import { type NearMiss, openNearMisses, pairOf, withPhrasing } from './entries';
import { formatSimilarity } from './scores';

const loadNearMisses = (signal: AbortSignal) => api.knowledge.nearMisses(signal);

interface NearMissesCardProps {
  entries: EntryView[];
  /** The owner may change a pair; anyone may start one. */
  canEditPairs: boolean;
  onPairChanged(entry: EntryView): void;
  onNewPair(question: string): void;
}

export function NearMissesCard({ entries, canEditPairs, onPairChanged, onNewPair }: NearMissesCardProps) {
  const text = t.knowledge.nearMisses;
  const titleId = useId();
  const nearMisses = useResource(loadNearMisses);
  const [adding, setAdding] = useState<string | null>(null);
  const open = nearMisses.data ? openNearMisses(nearMisses.data.nearMisses, entries) : [];

  const addPhrasing = async (nearMiss: NearMiss, pair: EntryView) => {
    const questions = withPhrasing(pair.questions, nearMiss.question);
    if (!questions) return;
    setAdding(nearMiss.question);
    try {
      const changed = await api.knowledge.update(pair.id, { questions });
      onPairChanged(changed);
      toast(text.phrasingAdded(changed.title));
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setAdding(null);
    }
  };

  return (
    <Card aria-labelledby={titleId} className="overflow-hidden">
      <CardHeader titleId={titleId} title={text.title} description={text.description} />
      {nearMisses.error && !nearMisses.data && (
        <Alert title={t.errors.loadFailed} onRetry={nearMisses.reload} className="m-5">
          {nearMisses.error.message}
        </Alert>
      )}
      {!nearMisses.error && !nearMisses.data && (
        <div aria-busy="true" className="space-y-4 px-5 py-5">
          {[0, 1].map((row) => (
            <div key={row} className="space-y-2">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-3 w-1/2" />
            </div>
          ))}
        </div>
      )}
      {nearMisses.data && open.length === 0 && (
        <EmptyState icon={Radar} title={text.empty} description={text.emptyText} className="py-10" />
      )}
      {open.length > 0 && (
        <ul className="divide-y divide-zinc-100">
          {open.map((nearMiss) => {
            const pair = pairOf(nearMiss, entries);
            return (
              <li key={`${nearMiss.question}:${nearMiss.at}`} className="px-5 py-4">
                <p className="text-sm font-medium break-words text-zinc-900">«{nearMiss.question}»</p>
                <p className="mt-1 text-xs text-zinc-500">
                  {text.closeTo}{' '}
                  {nearMiss.entryId && nearMiss.entryTitle ? (
                    <Link
                      to={entryPath(nearMiss.entryId)}
                      className="hover:text-brand-700 font-medium text-zinc-700 hover:underline"
                    >
                      {nearMiss.entryTitle}
                    </Link>
                  ) : (
                    text.deleted
                  )}
                  {nearMiss.score !== null && ` · ${text.similarity(formatSimilarity(nearMiss.score))}`}
                  {` · ${formatDateTime(nearMiss.at)}`}
                </p>
                <div className="mt-2.5 flex flex-wrap gap-2">
                  {canEditPairs && pair && (
                    <Button
                      variant="secondary"
                      size="sm"
                      icon={ListPlus}
                      loading={adding === nearMiss.question}
                      disabled={adding !== null}
                      aria-label={text.addPhrasingLabel(pair.title)}
                      onClick={() => addPhrasing(nearMiss, pair)}
                    >
                      {text.addPhrasing}
                    </Button>
                  )}
                  <Button
                    variant="ghost"
                    size="sm"
                    icon={MessageCirclePlus}
                    onClick={() => onNewPair(nearMiss.question)}
                  >
                    {text.newPair}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
