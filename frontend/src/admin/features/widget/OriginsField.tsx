// The list of sites the widget may be shown on: each listed site with a button to take it off,
// and a field to add one. An empty list lets any site embed the widget, which is said plainly.
import { Globe, Plus, X } from 'lucide-react';
import type { KeyboardEvent, RefObject } from 'react';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button, IconButton } from '@/lib/ui/Button';
import { TextField } from '@/lib/ui/TextField';

interface OriginsFieldProps {
  origins: string[];
  onRemove(origin: string): void;
  /** The address being typed, not in the list until added. */
  draft: string;
  onDraftChange(draft: string): void;
  onAdd(): void;
  /** Why the typed address cannot be added, or the server's word on it. */
  draftError: string | undefined;
  /** The server's message about a listed site, by its position, or about the list as a whole. */
  errorOf(field: string): string | undefined;
  draftInput: RefObject<HTMLInputElement | null>;
}

export function OriginsField({
  origins,
  onRemove,
  draft,
  onDraftChange,
  onAdd,
  draftError,
  errorOf,
  draftInput,
}: OriginsFieldProps) {
  const text = t.widget.origins;
  const listError = errorOf('allowedOrigins');

  // Enter adds the site rather than saving the whole form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onAdd();
  };

  return (
    <div className="space-y-4">
      {origins.length === 0 ? (
        <Alert tone="warning" title={text.anySite.title}>
          {text.anySite.text}
        </Alert>
      ) : (
        <ul aria-label={text.title} className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {origins.map((origin, index) => {
            const error = errorOf(`allowedOrigins.${index}`);
            return (
              <li key={origin} className="px-3 py-2">
                <div className="flex items-center gap-3">
                  <Globe aria-hidden size={16} className="shrink-0 text-zinc-400" />
                  <span className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-800">{origin}</span>
                  <IconButton icon={X} tone="danger" label={text.remove(origin)} onClick={() => onRemove(origin)} />
                </div>
                {error && <p className="mt-1 pl-7 text-[13px] text-red-600">{error}</p>}
              </li>
            );
          })}
        </ul>
      )}
      {listError && (
        <p role="alert" className="text-[13px] text-red-600">
          {listError}
        </p>
      )}
      <TextField
        ref={draftInput}
        name="newOrigin"
        label={text.label}
        value={draft}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
        error={draftError}
        hint={text.hint}
        placeholder={text.placeholder}
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        action={
          <Button variant="secondary" icon={Plus} onClick={onAdd}>
            {text.add}
          </Button>
        }
      />
    </div>
  );
}
