import type { LeadSummaryView } from '@aimax/backend/contracts';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatRublesRange, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { sections } from '../../navigation';
import { PhoneLink } from './PhoneLink';
import { StatusControl } from './StatusControl';

interface LeadsTableProps {
  leads: LeadSummaryView[];
  /** A newer page is loading: the rows shown are dimmed until it arrives. */
  stale: boolean;
  /** The list's address (its page), for the lead's page to lead back to. */
  listSearch: string;
  /** A lead's stage was changed from its row: the list (and its counts) is stale. */
  onChanged(): void;
}

export const leadPath = (id: string) => `${sections.leads.path}/${id}`;

export function LeadsTable({ leads, stale, listSearch, onChanged }: LeadsTableProps) {
  const navigate = useNavigate();
  const { columns } = t.leads;
  return (
    <div className={cx('transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <Table>
        <thead>
          <tr>
            <Th>{columns.received}</Th>
            <Th>{columns.client}</Th>
            <Th className="hidden sm:table-cell">{columns.status}</Th>
            <Th className="hidden md:table-cell">{columns.phone}</Th>
            <Th className="hidden lg:table-cell">{columns.summary}</Th>
            <Th className="hidden text-right sm:table-cell">{columns.estimate}</Th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => {
            const range = formatRublesRange(lead.estimate.range);
            return (
              // The whole row opens the lead for a mouse; the name is the link keyboards and screen readers use.
              <Tr
                key={lead.id}
                onClick={() => navigate(leadPath(lead.id), { state: { listSearch } })}
                className="cursor-pointer"
              >
                <Td className="align-top whitespace-nowrap sm:align-middle">
                  <div className="text-zinc-900">{formatDate(lead.createdAt)}</div>
                  <div className="text-xs text-zinc-500 tabular-nums">{formatTime(lead.createdAt)}</div>
                </Td>
                <Td className="align-top sm:align-middle">
                  <Link
                    to={leadPath(lead.id)}
                    state={{ listSearch }}
                    onClick={(event) => event.stopPropagation()}
                    className="font-medium text-zinc-900 hover:underline focus-visible:underline focus-visible:outline-none"
                  >
                    {lead.name}
                  </Link>
                  {/* Narrow screens have no room for the other columns; their gist goes under the name. */}
                  <div className="mt-0.5 md:hidden">
                    <PhoneLink phone={lead.phone} className="text-[13px]" />
                  </div>
                  <p className="mt-0.5 text-xs text-zinc-500 lg:hidden">{lead.summary}</p>
                  <p className="mt-1 text-[13px] font-medium text-zinc-900 tabular-nums sm:hidden">{range}</p>
                  <div className="mt-2 sm:hidden">
                    <StatusControl lead={lead} onChanged={onChanged} />
                  </div>
                </Td>
                <Td className="hidden sm:table-cell">
                  <StatusControl lead={lead} onChanged={onChanged} />
                  {lead.assignee && (
                    <p className="mt-1 max-w-40 truncate text-xs text-zinc-500" title={lead.assignee.name}>
                      {lead.assignee.name}
                    </p>
                  )}
                </Td>
                <Td className="hidden md:table-cell">
                  <PhoneLink phone={lead.phone} />
                </Td>
                <Td className="hidden text-zinc-600 lg:table-cell">{lead.summary}</Td>
                <Td className="hidden text-right font-medium whitespace-nowrap text-zinc-900 tabular-nums sm:table-cell">
                  {range}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

export function LeadsTableSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-9 border-b border-zinc-100 bg-zinc-50/60" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <div className="space-y-1.5">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-3 w-12" />
          </div>
          <Skeleton className="h-3.5 w-32" />
          <Skeleton className="hidden h-5 w-20 rounded-full sm:block" />
          <Skeleton className="hidden h-3.5 w-32 md:block" />
          <Skeleton className="hidden h-3.5 w-56 lg:block" />
          <Skeleton className="ml-auto hidden h-3.5 w-36 sm:block" />
        </div>
      ))}
    </div>
  );
}
