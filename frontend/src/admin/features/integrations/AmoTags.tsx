// The tags every deal from AI Max gets, besides the ones always added: chips to remove, and a
// field to add one (Enter adds it rather than saving the form).
import { Plus, X } from 'lucide-react';
import type { KeyboardEvent, RefObject } from 'react';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { TextField } from '@/lib/ui/TextField';
import { MAX_TAG_LENGTH } from './amoSettings';

interface AmoTagsProps {
  tags: string[];
  onRemove(tag: string): void;
  /** The tag being typed, not in the list until added. */
  draft: string;
  onDraftChange(draft: string): void;
  onAdd(): void;
  /** Why the typed tag cannot be added, or the server's word on the tags. */
  draftError: string | undefined;
  /** The server's message about a listed tag, by its position. */
  errorOf(field: string): string | undefined;
  draftInput: RefObject<HTMLInputElement | null>;
}

export function AmoTags({
  tags,
  onRemove,
  draft,
  onDraftChange,
  onAdd,
  draftError,
  errorOf,
  draftInput,
}: AmoTagsProps) {
  const text = t.integrations.amocrm.tags;
  const listed = tags.map((_, index) => errorOf(`tags.${index}`)).filter(Boolean);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onAdd();
  };

  return (
    <div className="max-w-xl space-y-2">
      <TextField
        ref={draftInput}
        name="newTag"
        label={text.label}
        value={draft}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
        error={draftError}
        hint={text.hint}
        placeholder={text.placeholder}
        maxLength={MAX_TAG_LENGTH}
        autoComplete="off"
        action={
          <Button variant="secondary" icon={Plus} onClick={onAdd}>
            {text.add}
          </Button>
        }
      />
      {tags.length > 0 && (
        <ul aria-label={text.label} className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li
              key={tag}
              className="inline-flex max-w-full items-center gap-0.5 rounded-full bg-zinc-100 py-0.5 pr-0.5 pl-2.5 text-[13px] text-zinc-800 ring-1 ring-zinc-200 ring-inset"
            >
              <span className="truncate">{tag}</span>
              <button
                type="button"
                aria-label={text.remove(tag)}
                title={text.remove(tag)}
                onClick={() => onRemove(tag)}
                className="focus-visible:outline-brand-500 flex size-6 shrink-0 items-center justify-center rounded-full text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2"
              >
                <X aria-hidden size={13} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {listed.map((message) => (
        <p key={message} role="alert" className="text-[13px] text-red-600">
          {message}
        </p>
      ))}
    </div>
  );
}
