// The owner's first steps, each ticked from what is really so: the team has someone else in it
// (or an invite on its way), the funnel was saved as the company's own, the branding or the bot
// differ from the defaults, and the widget was loaded on a site of the company's (not the
// platform's own) within the last 30 days. Nothing loaded here counts the knowledge base's
// entries, so its step is not ticked.
import { ArrowRight, Check } from 'lucide-react';
import { motion } from 'motion/react';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Card } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { useResource } from '@/lib/useResource';
import { type Section, sections } from '../../navigation';

/** A widget seen on the company's site this recently counts as installed. */
const INSTALLED_WITHIN_MS = 30 * 24 * 60 * 60_000;

interface Step {
  key: keyof typeof t.dashboard.checklist.steps;
  section: Section;
  icon: Section['icon'];
  done: boolean;
}

export function GettingStarted() {
  // The ticks depend on these: if one fails to load, the list still leads the way.
  const team = useResource(useCallback((signal: AbortSignal) => api.team.get(signal), []));
  const funnel = useResource(useCallback((signal: AbortSignal) => api.funnel.get(signal), []));
  const widget = useResource(useCallback((signal: AbortSignal) => api.widget.getSettings(signal), []));
  const teamInvited = Boolean(team.data && (team.data.members.length > 1 || team.data.invites.length > 0));
  const funnelSaved = Boolean(funnel.data?.version);
  const branded = widget.data?.brandingCustomized === true;
  const seenAt = widget.data?.seen ? new Date(widget.data.seen.at).getTime() : null;
  const installed = seenAt !== null && Date.now() - seenAt < INSTALLED_WITHIN_MS;

  const steps: Step[] = [
    { key: 'team', section: sections.team, icon: sections.team.icon, done: teamInvited },
    { key: 'funnel', section: sections.funnel, icon: sections.funnel.icon, done: funnelSaved },
    { key: 'branding', section: sections.branding, icon: sections.branding.icon, done: branded },
    { key: 'knowledge', section: sections.knowledge, icon: sections.knowledge.icon, done: false },
    { key: 'widget', section: sections.widget, icon: sections.widget.icon, done: installed },
  ];
  const doneCount = steps.filter((step) => step.done).length;
  const { checklist } = t.dashboard;

  return (
    <Card aria-labelledby="getting-started-title">
      <header className="border-b border-zinc-100 px-5 py-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="getting-started-title" className="text-[15px] font-semibold text-zinc-900">
            {checklist.title}
          </h2>
          <p className="text-sm text-zinc-500 tabular-nums">{checklist.progress(doneCount, steps.length)}</p>
        </div>
        <p className="mt-0.5 text-sm text-zinc-500">{checklist.subtitle}</p>
        <div
          role="progressbar"
          aria-label={checklist.title}
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={doneCount}
          className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-100"
        >
          <motion.div
            className="from-brand-500 h-full rounded-full bg-gradient-to-r to-violet-500"
            initial={{ width: 0 }}
            animate={{ width: `${Math.max(doneCount / steps.length, 0.03) * 100}%` }}
            transition={{ duration: 0.6, ease: 'easeOut' }}
          />
        </div>
      </header>
      <ol className="divide-y divide-zinc-100">
        {steps.map((step, index) => (
          <li key={step.key}>
            <ChecklistStep step={step} number={index + 1} />
          </li>
        ))}
      </ol>
    </Card>
  );
}

function ChecklistStep({ step, number }: { step: Step; number: number }) {
  const text = t.dashboard.checklist.steps[step.key];
  return (
    <Link
      to={step.section.path}
      className="group flex items-center gap-4 px-5 py-4 transition-colors hover:bg-zinc-50/80 focus-visible:bg-zinc-50 focus-visible:outline-none"
    >
      <span
        className={cx(
          'flex size-9 shrink-0 items-center justify-center rounded-full font-semibold text-sm',
          step.done ? 'bg-emerald-500 text-white' : 'border border-zinc-200 bg-white text-zinc-500',
        )}
      >
        {step.done ? <Check aria-hidden size={16} strokeWidth={3} /> : number}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex flex-wrap items-center gap-2">
          <span className={cx('font-medium text-sm', step.done ? 'text-zinc-500' : 'text-zinc-900')}>{text.title}</span>
          {step.done && <Badge tone="success">{t.dashboard.checklist.done}</Badge>}
        </span>
        <span className="mt-0.5 block text-sm text-zinc-500">{text.text}</span>
      </span>
      <step.icon aria-hidden size={18} className="hidden shrink-0 text-zinc-300 sm:block" />
      <ArrowRight
        aria-hidden
        size={16}
        className="shrink-0 text-zinc-300 transition-transform group-hover:translate-x-0.5 group-hover:text-zinc-500"
      />
    </Link>
  );
}
