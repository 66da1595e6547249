// The Yandex Metrika counter and the names of the four goals the widget reaches in it, each with
// the moment it fires and the name it has unless the company picks its own; then the step goal as
// it comes out on each of the company's funnel steps, with the step's name.
import type { WidgetSettingsView } from '@aimax/backend/contracts';
import { t } from '@/lib/i18n';
import { TextField } from '@/lib/ui/TextField';
import type { FormState } from '@/lib/useForm';
import { defaultGoals, goalField, goals, type WidgetValues } from './settingsValues';

export function MetrikaFields({ form, steps }: { form: FormState<WidgetValues>; steps: WidgetSettingsView['steps'] }) {
  const text = t.widget.metrika;
  const stepGoal = form.values[goalField('step')].trim() || defaultGoals.step;
  return (
    <div className="space-y-6">
      <TextField
        {...form.field('metrika.counterId')}
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
      <section aria-labelledby="metrika-step-goals">
        <h3 id="metrika-step-goals" className="text-sm font-semibold text-zinc-900">
          {text.stepGoals}
        </h3>
        <p className="mt-0.5 text-[13px] text-zinc-500">{text.stepGoalsHint}</p>
        <dl className="mt-3 grid gap-x-6 gap-y-1.5 text-[13px] sm:grid-cols-[auto_1fr]">
          {steps.map((step) => (
            <div key={step.id} className="contents">
              <dt className="font-mono break-all text-zinc-700">{stepGoal.replaceAll('{step}', step.id)}</dt>
              <dd className="text-zinc-500">{step.label}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
