// An uploaded image of the company (its logo, the bot's avatar): the current one, a drop zone
// and a file picker for a new one, upload progress, replace and delete. The server re-encodes
// every upload, so once it answers, its URL is what is shown, never the local file.
import { ImagePlus, Trash2, Upload } from 'lucide-react';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { toApiError, type UploadOptions } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { cx } from '@/lib/ui/cx';
import { ACCEPTED_IMAGE_TYPES, imageFileProblem } from './imageFile';

interface ImageUploadProps {
  label: string;
  hint: string;
  image: { url: string } | null;
  /** A logo keeps its proportions on a wide tile; an avatar is shown round. */
  shape: 'logo' | 'avatar';
  upload(file: File, options: UploadOptions): Promise<void>;
  remove(): Promise<void>;
  texts: { uploaded: string; deleted: string; deleteTitle: string; deleteText: string };
}

interface Sending {
  /** The chosen file, shown faded until the server's version arrives. */
  localUrl: string;
  progress: number;
}

export function ImageUpload({ label, hint, image, shape, upload, remove, texts }: ImageUploadProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const inFlight = useRef<AbortController | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { upload: text } = t.branding;

  // Leaving the page cancels an upload still on its way.
  useEffect(() => () => inFlight.current?.abort(), []);

  const send = async (file: File) => {
    const problem = imageFileProblem(file);
    setError(problem);
    if (problem) return;
    const controller = new AbortController();
    inFlight.current = controller;
    const localUrl = URL.createObjectURL(file);
    setSending({ localUrl, progress: 0 });
    try {
      await upload(file, {
        signal: controller.signal,
        onProgress: (progress) => setSending((current) => current && { ...current, progress }),
      });
      toast(texts.uploaded);
    } catch (caught) {
      if (controller.signal.aborted) return;
      const failure = toApiError(caught);
      setError(failure.fields.file ?? failure.message);
    } finally {
      URL.revokeObjectURL(localUrl);
      inFlight.current = null;
      setSending(null);
    }
  };

  const deleteImage = async () => {
    await remove();
    setError(null);
    toast(texts.deleted);
    // The delete button is gone with the image; the picker is where the owner goes next.
    chooseButton.current?.focus();
  };

  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !sending) void send(file);
  };

  const percent = Math.round((sending?.progress ?? 0) * 100);
  const shownUrl = sending?.localUrl ?? image?.url;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = `${id}-hint`;

  return (
    // The whole group takes a dropped file, not only the dashed box: a near miss still counts.
    <fieldset
      onDragOver={(event) => {
        event.preventDefault();
        if (!sending) setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <legend id={`${id}-label`} className="mb-1.5 text-sm font-medium text-zinc-800">
        {label}
      </legend>
      <div
        className={cx(
          'relative flex flex-col gap-4 rounded-xl border border-dashed p-3 transition-colors sm:flex-row sm:items-center',
          dragging ? 'border-brand-400 bg-brand-50/60' : 'border-zinc-300 bg-zinc-50/50',
          error && !dragging && 'border-red-300',
        )}
      >
        <div
          className={cx(
            'relative flex shrink-0 items-center justify-center overflow-hidden border border-zinc-200',
            shape === 'logo'
              ? 'h-20 w-full rounded-lg bg-[conic-gradient(#f4f4f5_25%,#fff_0_50%,#f4f4f5_0_75%,#fff_0)] bg-[length:14px_14px] p-2 sm:w-40'
              : 'size-20 rounded-full bg-white',
          )}
        >
          {shownUrl ? (
            <img
              src={shownUrl}
              alt={text.current(label)}
              className={cx(
                'transition-opacity',
                shape === 'logo' ? 'max-h-full max-w-full object-contain' : 'size-full object-cover',
                sending && 'opacity-40',
              )}
            />
          ) : (
            <ImagePlus aria-hidden size={24} strokeWidth={1.5} className="text-zinc-400" />
          )}
        </div>

        <div className="min-w-0 flex-1">
          {sending ? (
            <div role="status" aria-live="polite">
              <p className="text-sm text-zinc-700 tabular-nums">
                {percent < 100 ? text.progress(percent) : text.processing}
              </p>
              <div
                role="progressbar"
                aria-labelledby={`${id}-label`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-200"
              >
                <div
                  className={cx(
                    'h-full rounded-full bg-brand-500 transition-[width] duration-200',
                    percent >= 100 && 'animate-pulse',
                  )}
                  style={{ width: `${Math.max(percent, 4)}%` }}
                />
              </div>
            </div>
          ) : (
            <>
              <p className="text-sm text-zinc-700">{dragging ? text.dropActive : text.drop}</p>
              <p className="mt-0.5 text-xs text-zinc-500">{text.formats}</p>
            </>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            <Button
              ref={chooseButton}
              variant="secondary"
              size="sm"
              icon={Upload}
              disabled={Boolean(sending)}
              aria-describedby={cx(errorId, hintId)}
              onClick={() => input.current?.click()}
            >
              {image ? text.replace : text.choose}
            </Button>
            {image && (
              <Button
                variant="ghost"
                size="sm"
                icon={Trash2}
                disabled={Boolean(sending)}
                onClick={() => setConfirming(true)}
                className="text-red-600 hover:bg-red-50 hover:text-red-700"
              >
                {text.delete}
              </Button>
            )}
          </div>
        </div>
        <input
          ref={input}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES.join(',')}
          aria-labelledby={`${id}-label`}
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so choosing the same file again (after fixing it) still counts as a change.
            event.target.value = '';
            if (file) void send(file);
          }}
        />
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-1.5 text-[13px] text-red-600">
          {error}
        </p>
      )}
      <p id={hintId} className="mt-1.5 text-[13px] text-zinc-500">
        {hint}
      </p>

      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={texts.deleteTitle}
        description={texts.deleteText}
        confirmLabel={text.delete}
        onConfirm={deleteImage}
      />
    </fieldset>
  );
}
