import { ChevronLeft, ChevronRight } from 'lucide-react';
import { t } from '../i18n';
import { IconButton } from './Button';

interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onOffsetChange(offset: number): void;
}

export function Pagination({ offset, limit, total, onOffsetChange }: PaginationProps) {
  if (total === 0) return null;
  const to = Math.min(offset + limit, total);
  return (
    <nav aria-label={t.pagination.label} className="flex items-center justify-between gap-3 px-5 py-3">
      <p className="text-sm text-zinc-500 tabular-nums">{t.pagination.range(offset + 1, to, total)}</p>
      <div className="flex items-center gap-1">
        <IconButton
          icon={ChevronLeft}
          label={t.pagination.previous}
          disabled={offset === 0}
          onClick={() => onOffsetChange(Math.max(0, offset - limit))}
        />
        <IconButton
          icon={ChevronRight}
          label={t.pagination.next}
          disabled={to >= total}
          onClick={() => onOffsetChange(offset + limit)}
        />
      </div>
    </nav>
  );
}
