// «История версий»: every save of the funnel, newest first, with who saved it and when; any
// older one can be brought back, which saves it again as the newest version.
import type { FunnelVersionsView, FunnelVersionView } from '@aimax/backend/contracts';
import { History, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Badge } from '@/lib/ui/Badge';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import type { Resource } from '@/lib/useResource';

/** The newest versions shown before «Показать все». */
const SHOWN = 5;

interface VersionHistoryProps {
  versions: Resource<FunnelVersionsView>;
  /** The version the widget runs; null while it runs the default funnel. */
  current: number | null;
  /** Unsaved changes, which bringing a version back discards. */
  dirty: boolean;
  onRestore(number: number): Promise<void>;
  className?: string;
}

export function VersionHistory({ versions, current, dirty, onRestore, className }: VersionHistoryProps) {
  const text = t.funnel.history;
  const [all, setAll] = useState(false);
  // Kept once the dialog closes, so its texts do not change while it fades out.
  const [restoring, setRestoring] = useState<FunnelVersionView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const list = versions.data?.versions ?? [];
  const shown = all ? list : list.slice(0, SHOWN);

  return (
    <Card aria-labelledby="funnel-history-title" className={className}>
      <CardHeader titleId="funnel-history-title" title={text.title} description={text.description} />
      {versions.error && !versions.data && (
        <div className="px-5 py-4">
          <Alert title={t.errors.loadFailed} onRetry={versions.reload}>
            {versions.error.message}
          </Alert>
        </div>
      )}
      {!versions.error && !versions.data && (
        <div aria-busy="true" className="space-y-3 px-5 py-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-3 w-64 max-w-full" />
        </div>
      )}
      {versions.data && list.length === 0 && (
        <p className="flex items-center gap-2.5 px-5 py-4 text-sm text-zinc-500">
          <History aria-hidden size={16} className="shrink-0 text-zinc-400" />
          {text.empty}
        </p>
      )}
      {shown.length > 0 && (
        <ol className="divide-y divide-zinc-100">
          {shown.map((version) => {
            const isCurrent = version.number === current;
            const titleId = `funnel-version-${version.number}`;
            return (
              <li key={version.number} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3.5">
                <div className="min-w-0 flex-1">
                  <p id={titleId} className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900">
                    {text.version(version.number)}
                    {isCurrent && (
                      <Badge tone="success" dot>
                        {text.current}
                      </Badge>
                    )}
                  </p>
                  <p className="mt-0.5 text-[13px] text-zinc-500">
                    {[
                      formatDateTime(version.createdAt),
                      version.createdBy ?? text.authorGone,
                      version.restoredFrom === null ? null : text.restoredFrom(version.restoredFrom),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
                {!isCurrent && (
                  <Button
                    variant="secondary"
                    size="sm"
                    icon={Undo2}
                    aria-describedby={titleId}
                    onClick={() => {
                      setRestoring(version);
                      setConfirming(true);
                    }}
                  >
                    {text.restore}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {list.length > SHOWN && (
        <div className="border-t border-zinc-100 px-5 py-3">
          <Button variant="ghost" size="sm" onClick={() => setAll((value) => !value)}>
            {all ? text.showFewer : text.showAll(list.length)}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={text.confirmTitle(restoring?.number ?? 0)}
        description={
          <>
            {text.confirmText(restoring?.number ?? 0)}
            {dirty && <span className="mt-2 block font-medium text-amber-800">{text.confirmDirty}</span>}
          </>
        }
        confirmLabel={text.confirm}
        tone="primary"
        onConfirm={() => onRestore(restoring?.number ?? 0)}
      />
    </Card>
  );
}
