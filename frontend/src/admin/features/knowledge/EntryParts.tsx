// The small parts every view of an entry shares: its kind's icon, its status, and where it lives.
import { FileText, type LucideIcon, MessageCircleQuestion, Sheet } from 'lucide-react';
import type { EntryView, KnowledgeStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { cx } from '@/lib/ui/cx';
import { Spinner } from '@/lib/ui/Spinner';
import { sections } from '../../navigation';

export const entryPath = (id: string) => `${sections.knowledge.path}/${id}`;

const SPREADSHEET = /\.(xlsx|csv)$/i;

function iconOf(entry: Pick<EntryView, 'kind' | 'fileName'>): LucideIcon {
  if (entry.kind === 'qa') return MessageCircleQuestion;
  return entry.fileName && SPREADSHEET.test(entry.fileName) ? Sheet : FileText;
}

/** The entry's kind at a glance: a document (a table for a spreadsheet) or a question. */
export function KindIcon({ entry, className }: { entry: Pick<EntryView, 'kind' | 'fileName'>; className?: string }) {
  const Icon = iconOf(entry);
  return (
    <span
      aria-hidden
      className={cx(
        'flex size-9 shrink-0 items-center justify-center rounded-lg',
        entry.kind === 'qa' ? 'bg-violet-50 text-violet-600' : 'bg-brand-50 text-brand-600',
        className,
      )}
    >
      <Icon size={18} />
    </span>
  );
}

const tones: Record<KnowledgeStatus, BadgeTone> = { indexing: 'brand', ready: 'success', error: 'danger' };

/** «Индексируется» with a spinner while the server works on it, «Готово», or «Ошибка». */
export function StatusBadge({ status }: { status: KnowledgeStatus }) {
  return (
    <Badge tone={tones[status]} dot={status !== 'indexing'}>
      {status === 'indexing' && <Spinner size={12} />}
      {t.knowledge.statuses[status]}
    </Badge>
  );
}
