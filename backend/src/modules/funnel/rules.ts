// What makes a funnel one the engine can run and price, as a list of problems each with the
// field it is in («steps.objectType.options.1.label») and what is wrong, in Russian. The API
// refuses a funnel with any; the editor imports this module (`@aimax/backend/funnel-rules`) and
// shows the same problems beside the fields before it saves. No Node or server code in here.
import { Value } from 'typebox/value';
import { FunnelConfig, type Option, STEP_LABELS, STEP_ORDER, type StepId } from './schemas.ts';

export interface FunnelProblem {
  /** The field, as dot-separated keys and indexes into the funnel. */
  path: string;
  message: string;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: { limit?: number; additionalProperties?: string[]; pattern?: string };
}

function schemaMessage({ keyword, params }: SchemaError): string | null {
  const limit = params.limit ?? 0;
  const { pattern } = params;
  switch (keyword) {
    case 'minLength':
      return limit <= 1 ? 'Заполните поле' : `Не короче ${limit} символов`;
    case 'maxLength':
      return `Не длиннее ${limit} символов`;
    case 'minimum':
      return `Не меньше ${limit}`;
    case 'maximum':
      return `Не больше ${limit}`;
    case 'minItems':
      return `Нужно хотя бы ${limit} варианта`;
    case 'maxItems':
      return `Не больше ${limit} вариантов`;
    case 'pattern':
      if (pattern?.startsWith('^q_')) return 'Код вопроса: q_ и латинские буквы, цифры или «_»';
      if (pattern?.includes('https?')) return 'Ссылка вида https://company.ru/privacy';
      return 'Код варианта: латинские буквы, цифры и «_», начиная с буквы';
    case 'additionalProperties':
      return `Поле «${params.additionalProperties?.[0] ?? ''}» не поддерживается`;
    // `boolean` repeats an additionalProperties error at the field itself.
    case 'boolean':
      return null;
    default:
      return 'Некорректное значение';
  }
}

const pathOf = (pointer: string) => pointer.replace(/^\//, '').split('/').join('.');

function duplicates(options: readonly Option[], path: string): FunnelProblem[] {
  const problems: FunnelProblem[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  options.forEach((option, index) => {
    if (ids.has(option.id)) {
      problems.push({ path: `${path}.${index}.id`, message: `Код «${option.id}» уже есть у другого варианта` });
    }
    const label = option.label.trim().toLowerCase();
    if (labels.has(label)) {
      problems.push({ path: `${path}.${index}.label`, message: `Вариант «${option.label}» уже есть` });
    }
    ids.add(option.id);
    labels.add(label);
  });
  return problems;
}

const CONTACTS: StepId = 'contacts';

/** Every step's id, built-in and custom, in the order the chat asks them (switched-off ones included). */
export function stepOrder(config: Pick<FunnelConfig, 'order' | 'custom'>): string[] {
  if (config.order) return config.order;
  const custom = (config.custom ?? []).map((step) => step.id);
  return [...STEP_ORDER.filter((id) => id !== CONTACTS), ...custom, CONTACTS];
}

/** A step's short name, as the lead, the emails and the PDF name it. */
export function stepLabel(config: Pick<FunnelConfig, 'custom'>, id: string): string {
  return STEP_LABELS[id as StepId] ?? config.custom?.find((step) => step.id === id)?.label ?? id;
}

function orderProblems(config: FunnelConfig): FunnelProblem[] {
  if (!config.order) return [];
  const known = [...STEP_ORDER, ...(config.custom ?? []).map((step) => step.id)];
  const seen = new Set<string>();
  for (const id of config.order) {
    if (!known.includes(id)) return [{ path: 'order', message: `В порядке шагов неизвестный шаг «${id}»` }];
    if (seen.has(id)) return [{ path: 'order', message: `Шаг «${stepLabel(config, id)}» стоит в порядке дважды` }];
    seen.add(id);
  }
  const missing = known.find((id) => !seen.has(id));
  if (missing) return [{ path: 'order', message: `В порядке шагов нет шага «${stepLabel(config, missing)}»` }];
  if (config.order.at(-1) !== CONTACTS) return [{ path: 'order', message: 'Контакты должны быть последним шагом' }];
  return [];
}

function customProblems(config: FunnelConfig): FunnelProblem[] {
  const problems: FunnelProblem[] = [];
  const ids = new Set<string>();
  (config.custom ?? []).forEach((step, index) => {
    const path = `custom.${index}`;
    if (ids.has(step.id)) problems.push({ path: `${path}.id`, message: `Код «${step.id}» уже есть у другого вопроса` });
    ids.add(step.id);
    const choice = step.kind === 'single' || step.kind === 'multiple';
    if (choice && !step.options) {
      problems.push({ path: `${path}.options`, message: 'Нужно хотя бы 2 варианта' });
    }
    if (choice && step.options) problems.push(...duplicates(step.options, `${path}.options`));
    if (!choice && step.options) {
      problems.push({ path: `${path}.options`, message: 'Варианты бывают только у вопроса с выбором' });
    }
    if (step.kind === 'number') {
      if (step.min === undefined) problems.push({ path: `${path}.min`, message: 'Укажите наименьшее число' });
      if (step.max === undefined) problems.push({ path: `${path}.max`, message: 'Укажите наибольшее число' });
      if (step.min !== undefined && step.max !== undefined && step.min > step.max) {
        problems.push({ path: `${path}.min`, message: 'Наименьшее число больше наибольшего' });
      }
    }
  });
  return problems;
}

/** Every problem of `value` as a funnel; empty when it can be saved. */
export function funnelProblems(value: unknown): FunnelProblem[] {
  if (!Value.Check(FunnelConfig, value)) {
    const problems: FunnelProblem[] = [];
    for (const error of Value.Errors(FunnelConfig, value) as SchemaError[]) {
      const message = schemaMessage(error);
      const path = pathOf(error.instancePath);
      if (message && !problems.some((problem) => problem.path === path)) problems.push({ path, message });
    }
    return problems;
  }
  const { steps, pricing } = value;
  const problems: FunnelProblem[] = [...orderProblems(value), ...customProblems(value)];
  for (const id of ['objectType', 'repairType', 'replanning', 'designProject', 'timing'] as const) {
    problems.push(...duplicates(steps[id].options, `steps.${id}.options`));
  }
  if (steps.area.min > steps.area.max) {
    problems.push({ path: 'steps.area.min', message: 'Минимальная площадь больше максимальной' });
  }
  if (pricing.rangePercent.low > pricing.rangePercent.high) {
    problems.push({ path: 'pricing.rangePercent.low', message: 'Нижняя граница вилки выше верхней' });
  }
  for (const object of steps.objectType.options) {
    for (const repair of steps.repairType.options) {
      if (pricing.perM2[object.id]?.[repair.id] === undefined) {
        problems.push({
          path: `pricing.perM2.${object.id}.${repair.id}`,
          message: `Нет цены за м² для «${object.label}» — «${repair.label}»`,
        });
      }
    }
  }
  const priced = [
    ['replanning', pricing.replanning, 'Нет цены'],
    ['designProject', pricing.designProjectPerM2, 'Нет цены за м²'],
    ['timing', pricing.timingPercent, 'Нет наценки'],
  ] as const;
  const pricingKey = { replanning: 'replanning', designProject: 'designProjectPerM2', timing: 'timingPercent' };
  for (const [id, prices, missing] of priced) {
    if (!steps[id].enabled) continue;
    for (const option of steps[id].options) {
      if (prices[option.id] === undefined) {
        problems.push({
          path: `pricing.${pricingKey[id]}.${option.id}`,
          message: `${missing} для варианта «${option.label}» (${STEP_LABELS[id]})`,
        });
      }
    }
  }
  return problems;
}
