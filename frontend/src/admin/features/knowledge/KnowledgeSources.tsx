// Under an AI reply on a dialog's page: the knowledge entries it drew on, by their titles now,
// each a link to its entry; one deleted since is named so.
import { BookOpenText } from 'lucide-react';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { t } from '@/lib/i18n';
import { entryPath } from './EntryParts';

interface KnowledgeSourcesProps {
  ids: string[];
  /** Undefined while the titles are read. */
  titles: ReadonlyMap<string, string> | undefined;
}

export function KnowledgeSources({ ids, titles }: KnowledgeSourcesProps) {
  const text = t.knowledge.sources;
  if (ids.length === 0) return null;
  return (
    <p className="mt-1 flex max-w-[85%] flex-wrap items-center gap-x-1 gap-y-0.5 text-[11px] text-zinc-500 sm:max-w-[75%]">
      <BookOpenText aria-hidden size={12} className="text-zinc-400" />
      <span>{text.label}</span>
      {ids.map((id, index) => {
        const title = titles ? titles.get(id) : text.loading;
        return (
          <Fragment key={id}>
            {title === undefined ? (
              <span className="italic">{text.deleted}</span>
            ) : (
              <Link
                to={entryPath(id)}
                className="hover:text-brand-700 font-medium text-zinc-600 underline-offset-2 hover:underline"
              >
                {title}
              </Link>
            )}
            {index < ids.length - 1 && <span aria-hidden>·</span>}
          </Fragment>
        );
      })}
    </p>
  );
}
