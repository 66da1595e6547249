// Documents on their way to the server: each chosen or dropped file is a row with its progress
// until the server takes it (then it is an entry, indexing), or with the reason it was refused,
// until dismissed. Files go at once and side by side; leaving the page cancels those still going.
import { FileText, Upload, X } from 'lucide-react';
import { type DragEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { api, type EntryView, toApiError } from '@/lib/api';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { IconButton } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { documentFileProblem } from './knowledgeFile';

export interface PendingUpload {
  key: number;
  name: string;
  size: number;
  /** From 0 to 1. */
  progress: number;
  error: string | null;
}

let nextKey = 1;

export function useUploads(onUploaded: (entry: EntryView) => void) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const inFlight = useRef(new Set<AbortController>());

  useEffect(() => {
    const controllers = inFlight.current;
    return () => {
      for (const controller of controllers) controller.abort();
    };
  }, []);

  const change = (key: number, next: Partial<PendingUpload>) =>
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...next } : upload)));
  const drop = (key: number) => setUploads((current) => current.filter((upload) => upload.key !== key));

  const send = async (file: File, key: number) => {
    const controller = new AbortController();
    inFlight.current.add(controller);
    try {
      const entry = await api.knowledge.uploadFile(file, {
        signal: controller.signal,
        onProgress: (progress) => change(key, { progress }),
      });
      drop(key);
      onUploaded(entry);
      toast(t.knowledge.upload.done(file.name));
    } catch (caught) {
      if (controller.signal.aborted) return;
      const failure = toApiError(caught);
      change(key, { error: failure.fields.file ?? failure.message });
    } finally {
      inFlight.current.delete(controller);
    }
  };

  const add = (files: Iterable<File>) => {
    const added = [...files].map((file) => ({
      file,
      upload: { key: nextKey++, name: file.name, size: file.size, progress: 0, error: documentFileProblem(file) },
    }));
    setUploads((current) => [...added.map(({ upload }) => upload), ...current]);
    for (const { file, upload } of added) if (!upload.error) void send(file, upload.key);
  };

  return { uploads, add, dismiss: drop };
}

/** The rows of the files being sent, or refused, above the entries. */
export function UploadRows({ uploads, onDismiss }: { uploads: PendingUpload[]; onDismiss(key: number): void }) {
  const text = t.knowledge.upload;
  if (uploads.length === 0) return null;
  return (
    <ul aria-label={t.knowledge.add.file} className="divide-y divide-zinc-100 border-b border-zinc-100">
      {uploads.map((upload) => {
        const percent = Math.round(upload.progress * 100);
        return (
          <li
            key={upload.key}
            className={cx('flex items-center gap-3 px-4 py-3 sm:px-5', upload.error && 'bg-red-50/50')}
          >
            <span
              aria-hidden
              className={cx(
                'flex size-9 shrink-0 items-center justify-center rounded-lg',
                upload.error ? 'bg-red-50 text-red-500' : 'bg-brand-50 text-brand-600',
              )}
            >
              <FileText size={18} />
            </span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="min-w-0 truncate font-medium text-zinc-900">{upload.name}</span>
                <span className="text-xs text-zinc-500 tabular-nums">{formatBytes(upload.size)}</span>
              </p>
              {upload.error ? (
                <p role="alert" className="mt-0.5 text-[13px] text-red-600">
                  <span className="font-medium">{text.failed}:</span> {upload.error}
                </p>
              ) : (
                <div role="status" className="mt-1.5 flex items-center gap-3">
                  <div
                    role="progressbar"
                    aria-label={upload.name}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    className="h-1.5 max-w-64 flex-1 overflow-hidden rounded-full bg-zinc-200"
                  >
                    <div
                      className={cx(
                        'bg-brand-500 h-full rounded-full transition-[width] duration-200',
                        percent >= 100 && 'animate-pulse',
                      )}
                      style={{ width: `${Math.max(percent, 4)}%` }}
                    />
                  </div>
                  <span className="text-xs text-zinc-500 tabular-nums">
                    {percent < 100 ? text.progress(percent) : text.processing}
                  </span>
                </div>
              )}
            </div>
            {upload.error && (
              <IconButton icon={X} label={text.dismiss(upload.name)} onClick={() => onDismiss(upload.key)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

interface FileDropAreaProps {
  /** Off for those who may not upload: a drop then does what the browser does. */
  enabled: boolean;
  onFiles(files: FileList): void;
  children: ReactNode;
  className?: string;
}

/** A part of the page that takes dropped documents, and says so while one is dragged over it. */
export function FileDropArea({ enabled, onFiles, children, className }: FileDropAreaProps) {
  const [dragging, setDragging] = useState(false);
  if (!enabled) return <div className={className}>{children}</div>;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the «Загрузить файл» button does the same
    <div
      className={cx('relative', className)}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        onFiles(event.dataTransfer.files);
      }}
    >
      {children}
      {dragging && (
        <div className="border-brand-400 bg-brand-50/90 text-brand-800 pointer-events-none absolute inset-0 z-10 flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed text-sm font-medium">
          <Upload aria-hidden size={24} />
          {t.knowledge.upload.drop}
          <span className="text-brand-700 text-xs font-normal">{t.knowledge.upload.formats}</span>
        </div>
      )}
    </div>
  );
}
