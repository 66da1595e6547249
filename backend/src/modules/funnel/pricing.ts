// The estimate: the price of complete answers under a funnel's pricing. Pure, without Node or
// server code: the funnel editor (`@aimax/backend/funnel-pricing`) prices sample answers with it
// as the owner types, and gets the same figures the widget will.
import { AppError } from '../../errors.ts';
import type { Answers, Estimate, EstimateLine, FunnelConfig, StepId } from './schemas.ts';

type ChoiceId = 'objectType' | 'repairType' | 'replanning' | 'designProject' | 'timing';

const isEnabled = (config: FunnelConfig, id: StepId) => config.steps[id].enabled;

/** What the visitor saw for a choice or the area («Вторичное жильё», «64,5 м²»); empty if unanswered. */
export function choiceLabel(config: FunnelConfig, id: ChoiceId | 'area', answers: Answers): string {
  const value = answers[id];
  if (value === undefined) return '';
  if (id === 'area') return `${String(value).replace('.', ',')} м²`;
  return config.steps[id].options.find((option) => option.id === value)?.label ?? String(value);
}

const roundTo = (amount: number, step: number) => Math.round(amount / step) * step;

/** The estimate for complete answers (contacts aside); throws if a priced step is unanswered. */
export function computeEstimate(config: FunnelConfig, answers: Answers): Estimate {
  const { pricing } = config;
  const objectType = String(answers.objectType);
  const repairType = String(answers.repairType);
  const area = Number(answers.area);
  const rooms = Number(answers.rooms);
  const perM2 = pricing.perM2[objectType]?.[repairType];
  if (perM2 === undefined || !Number.isFinite(area) || !Number.isFinite(rooms)) {
    throw new AppError('FUNNEL_INCOMPLETE');
  }

  const extraRooms = Math.max(0, rooms - pricing.includedRooms);
  const roomsFactor = 1 + (extraRooms * pricing.perExtraRoomPercent) / 100;
  const timing = isEnabled(config, 'timing') && answers.timing !== undefined ? String(answers.timing) : null;
  const timingFactor = 1 + (timing ? (pricing.timingPercent[timing] ?? 0) : 0) / 100;
  const label = (id: ChoiceId | 'area') => choiceLabel(config, id, answers);

  const work = roundTo(area * perM2 * roomsFactor * timingFactor, 100);
  const lines: EstimateLine[] = [
    {
      title: `Ремонт: ${label('repairType').toLowerCase()}`,
      details: [
        label('objectType'),
        `${label('area')}`,
        `комнат: ${rooms}`,
        timing ? label('timing').toLowerCase() : null,
      ]
        .filter(Boolean)
        .join(', '),
      amount: work,
    },
  ];
  if (isEnabled(config, 'replanning') && answers.replanning !== undefined) {
    const amount = pricing.replanning[String(answers.replanning)] ?? 0;
    if (amount > 0)
      lines.push({ title: 'Перепланировка', details: 'проект и согласование', amount: roundTo(amount, 100) });
  }
  if (isEnabled(config, 'designProject') && answers.designProject !== undefined) {
    const amount = (pricing.designProjectPerM2[String(answers.designProject)] ?? 0) * area;
    if (amount > 0) lines.push({ title: 'Дизайн-проект', details: label('area'), amount: roundTo(amount, 100) });
  }

  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    lines,
    total,
    range: {
      min: roundTo(total * (1 + pricing.rangePercent.low / 100), 1000),
      max: roundTo(total * (1 + pricing.rangePercent.high / 100), 1000),
    },
  };
}
