// The dashboard's charts, drawn with Recharts. This module is loaded on demand (React.lazy in
// ConversionSection), so the chart library is not part of the panel's first load.
import type { DashboardView } from '@aimax/backend/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDayMonth } from '@/lib/format';
import { locale, t } from '@/lib/i18n';

const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const tick = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`)).replace('.', '');

interface LeadsTooltipProps {
  active?: boolean;
  payload?: { payload: { day: string; leads: number } }[];
}

function LeadsTooltip({ active, payload }: LeadsTooltipProps) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-lg bg-zinc-900 px-2.5 py-1.5 text-xs font-medium text-white shadow-lg">
      {t.dashboard.conversion.leads.tooltip(formatDayMonth(point.day), point.leads)}
    </div>
  );
}

export function LeadsPerDayChart({ days }: { days: DashboardView['leadsPerDay'] }) {
  return (
    <div role="img" aria-label={t.dashboard.conversion.leads.chartLabel} className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 4, bottom: 0, left: -24 }}>
          <CartesianGrid vertical={false} stroke="var(--color-zinc-100)" />
          <XAxis
            dataKey="day"
            tickFormatter={tick}
            tickLine={false}
            axisLine={{ stroke: 'var(--color-zinc-200)' }}
            tick={{ fontSize: 11, fill: 'var(--color-zinc-500)' }}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            tick={{ fontSize: 11, fill: 'var(--color-zinc-500)' }}
          />
          <Tooltip content={<LeadsTooltip />} cursor={{ fill: 'var(--color-brand-50)' }} />
          <Bar dataKey="leads" fill="var(--color-brand-500)" radius={[4, 4, 0, 0]} maxBarSize={36} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function DialogsDonut({ aiOnly, takenOver }: { aiOnly: number; takenOver: number }) {
  // No dialogs: an empty grey ring rather than no chart at all.
  const parts =
    aiOnly + takenOver > 0
      ? [
          { name: 'ai', value: aiOnly, color: 'var(--color-brand-500)' },
          { name: 'operator', value: takenOver, color: 'var(--color-amber-400)' },
        ]
      : [{ name: 'none', value: 1, color: 'var(--color-zinc-100)' }];
  return (
    <div role="img" aria-label={t.dashboard.conversion.dialogs.chartLabel} className="size-28 shrink-0">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie
            data={parts}
            dataKey="value"
            innerRadius="68%"
            outerRadius="100%"
            startAngle={90}
            endAngle={-270}
            stroke="none"
            isAnimationActive={false}
          >
            {parts.map((part) => (
              <Cell key={part.name} fill={part.color} />
            ))}
          </Pie>
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
