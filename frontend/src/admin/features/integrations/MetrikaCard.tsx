// The Yandex Metrika card of «Интеграции»: the counter the widget reports to and the names of the
// four goals it reaches there, the exact list of goals to create in Metrika (the step goal once
// per funnel step), and «Проверить», which opens the demo page where the widget reaches a test
// goal in the company's counter. Metrika comes with every plan.
import type { MetrikaView } from '@aimax/backend/contracts';
import { ExternalLink } from 'lucide-react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { buttonClasses } from '@/lib/ui/Button';
import { SaveBar } from '@/lib/ui/SaveBar';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { CopyButton } from './CopyButton';
import { ConnectionBadge, IntegrationCard } from './IntegrationCard';
import { MetrikaMark } from './IntegrationMarks';
import { defaultGoals, goalField, goals, metrikaChanged, metrikaInputOf, metrikaValuesOf } from './metrikaValues';
import { useView } from './useView';

const loadMetrika = (signal: AbortSignal) => api.integrations.metrika(signal);

export function MetrikaCard({ onChange }: { onChange(): void }) {
  const text = t.integrations.metrika;
  const metrika = useView(loadMetrika);
  const { view, setView } = metrika;
  return (
    <IntegrationCard
      id="metrika"
      title={text.title}
      mark={<MetrikaMark />}
      description={text.description}
      status={view && <ConnectionBadge state={view.counterId ? 'connected' : 'notConnected'} />}
    >
      {metrika.error && !view ? (
        <Alert title={t.errors.loadFailed} onRetry={metrika.reload} className="m-5">
          {metrika.error.message}
        </Alert>
      ) : !view ? (
        <MetrikaSkeleton />
      ) : (
        <MetrikaForm
          view={view}
          onSaved={(saved) => {
            if (Boolean(saved.counterId) !== Boolean(view.counterId)) onChange();
            setView(saved);
          }}
        />
      )}
    </IntegrationCard>
  );
}

function MetrikaForm({ view, onSaved }: { view: MetrikaView; onSaved(view: MetrikaView): void }) {
  const text = t.integrations.metrika;
  const form = useForm(metrikaValuesOf(view));
  const dirty = metrikaChanged(form.values, view);

  const save = form.onSubmit(async (values) => {
    const saved = await api.integrations.saveMetrika(metrikaInputOf(values));
    onSaved(saved);
    form.reset(metrikaValuesOf(saved));
    toast(text.saved);
  });

  return (
    <form ref={form.formRef} onSubmit={save} noValidate>
      <div className="space-y-6 px-5 py-5">
        <TextField
          {...form.field('counterId')}
          label={text.counter}
          placeholder={text.counterPlaceholder}
          hint={text.counterHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          className="max-w-md"
        />
        <fieldset>
          <legend className="text-sm font-semibold text-zinc-900">{text.goals}</legend>
          <p className="mt-0.5 text-[13px] text-zinc-500">{text.goalsHint}</p>
          <div className="mt-4 grid gap-5 md:grid-cols-2">
            {goals.map((goal) => (
              <TextField
                key={goal}
                {...form.field(goalField(goal))}
                label={text.goal[goal].label}
                placeholder={defaultGoals[goal]}
                hint={`${text.goal[goal].text} ${text.byDefault(defaultGoals[goal])}`}
                maxLength={100}
                autoComplete="off"
                spellCheck={false}
              />
            ))}
          </div>
        </fieldset>
        <GoalList view={view} stale={dirty} />
        <MetrikaTest view={view} stale={dirty} />
        {form.formError && <Alert>{form.formError}</Alert>}
      </div>
      <SaveBar dirty={dirty} submitting={form.submitting} onDiscard={() => form.reset(metrikaValuesOf(view))} />
    </form>
  );
}

/** The goals exactly as the saved settings reach them, each to copy into Metrika's goal form. */
function GoalList({ view, stale }: { view: MetrikaView; stale: boolean }) {
  const text = t.integrations.metrika.goalList;
  return (
    <section aria-labelledby="metrika-goal-list">
      <h3 id="metrika-goal-list" className="text-sm font-semibold text-zinc-900">
        {text.title}
      </h3>
      <p className="mt-0.5 text-[13px] text-zinc-500">{text.hint}</p>
      {stale && <p className="mt-1 text-[13px] text-amber-700">{text.stale}</p>}
      <ul className="mt-3 divide-y divide-zinc-100 rounded-lg border border-zinc-200">
        {view.goalList.map((goal) => (
          <li key={goal.identifier} className="flex items-center gap-3 py-1.5 pr-1.5 pl-3">
            <div className="min-w-0 flex-1">
              <p className="font-mono text-[13px] break-all text-zinc-900">{goal.identifier}</p>
              <p className="text-xs text-zinc-500">{goal.description}</p>
            </div>
            <CopyButton value={goal.identifier} label={text.copy(goal.identifier)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A link rather than a request: the check is the widget on a real page reaching the goal. */
function MetrikaTest({ view, stale }: { view: MetrikaView; stale: boolean }) {
  const text = t.integrations.metrika;
  const ready = view.testUrl !== null && !stale;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg bg-zinc-50 px-4 py-3">
      {ready ? (
        <a
          href={view.testUrl ?? undefined}
          target="_blank"
          rel="noopener"
          className={buttonClasses('secondary', 'md', 'shrink-0')}
        >
          <ExternalLink aria-hidden size={16} />
          {text.test}
        </a>
      ) : (
        <button type="button" disabled className={buttonClasses('secondary', 'md', 'shrink-0')}>
          <ExternalLink aria-hidden size={16} />
          {text.test}
        </button>
      )}
      <p className="min-w-0 flex-1 text-[13px] text-zinc-600">
        {ready ? text.testHint(view.testGoal) : text.testUnavailable}
      </p>
    </div>
  );
}

function MetrikaSkeleton() {
  return (
    <div aria-busy="true" className="space-y-5 px-5 py-5">
      <Skeleton className="h-16 w-full max-w-md rounded-lg" />
      <div className="grid gap-5 md:grid-cols-2">
        {goals.map((goal) => (
          <Skeleton key={goal} className="h-16 w-full rounded-lg" />
        ))}
      </div>
    </div>
  );
}
