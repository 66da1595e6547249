// The Yandex Metrika counter and the names of the four goals the widget reaches in it, each with
// the moment it fires and the name it has unless the company picks its own.
import { t } from '@/lib/i18n';
import { TextField } from '@/lib/ui/TextField';
import type { FormState } from '@/lib/useForm';
import { defaultGoals, goalField, goals, type WidgetValues } from './settingsValues';

export function MetrikaFields({ form }: { form: FormState<WidgetValues> }) {
  const text = t.widget.metrika;
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
    </div>
  );
}
