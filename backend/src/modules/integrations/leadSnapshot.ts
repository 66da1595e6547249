// A new lead as the outside services get it, frozen when the lead is written: the webhook's body
// and the amoCRM lead are built from this, so a retry hours later sends what the visitor said,
// whatever the funnel has become since. Answers keep both the option ids (for amoCRM's list
// values) and the labels the visitor saw.
import { answerLabel, answerOf, enabledSteps, publicStep } from '../funnel/funnel.ts';
import { stepLabel } from '../funnel/rules.ts';
import type { Answers, Estimate, FunnelConfig } from '../funnel/schemas.ts';

export interface LeadSnapshot {
  id: string;
  sessionId: string;
  createdAt: string;
  name: string;
  /** E.164, `+79161234567`. */
  phone: string;
  answers: { stepId: string; question: string; answer: string; value: string | number | string[] }[];
  estimate: { total: number; min: number; max: number; text: string };
  /** `utm_source`, `utm_campaign`…, as the landing page's address had them. */
  utm: Record<string, string>;
  pageUrl: string | null;
  dialogUrl: string;
  funnelVersion: number | null;
}

export type SourceKind = 'text' | 'number' | 'choice';

/** What can fill an amoCRM field, from the company's current funnel. */
export function mappingSources(config: FunnelConfig) {
  const answers = enabledSteps(config)
    .filter((id) => id !== 'contacts')
    .map((id) => {
      const step = publicStep(config, id);
      const kind: SourceKind = step.kind === 'number' ? 'number' : step.kind === 'text' ? 'text' : 'choice';
      return {
        source: `answer:${id}`,
        label: stepLabel(config, id),
        kind,
        options: (step.options ?? []).map((option) => ({ id: option.id, label: option.label })),
      };
    });
  const fixed = (source: string, label: string, kind: SourceKind) => ({ source, label, kind, options: [] });
  return [
    ...answers,
    fixed('estimate.total', 'Смета: итог, ₽', 'number'),
    fixed('estimate.min', 'Смета: от, ₽', 'number'),
    fixed('estimate.max', 'Смета: до, ₽', 'number'),
    fixed('estimate.text', 'Смета: текстом', 'text'),
    fixed('contact.name', 'Имя', 'text'),
    fixed('contact.phone', 'Телефон', 'text'),
    fixed('utm.source', 'UTM source', 'text'),
    fixed('utm.medium', 'UTM medium', 'text'),
    fixed('utm.campaign', 'UTM campaign', 'text'),
    fixed('utm.content', 'UTM content', 'text'),
    fixed('utm.term', 'UTM term', 'text'),
    fixed('page_url', 'Страница сайта', 'text'),
    fixed('dialog_url', 'Ссылка на диалог', 'text'),
  ];
}

export function leadSnapshot(options: {
  leadId: string;
  sessionId: string;
  config: FunnelConfig;
  answers: Answers;
  estimate: Estimate;
  estimateText: string;
  utm: Record<string, string>;
  pageUrl: string | null;
  funnelVersion: number | null;
  dialogUrl: string;
}): LeadSnapshot {
  const { config, answers } = options;
  const contacts = answers.contacts;
  return {
    id: options.leadId,
    sessionId: options.sessionId,
    createdAt: new Date().toISOString(),
    name: contacts?.name ?? '',
    phone: contacts?.phone ?? '',
    answers: enabledSteps(config)
      .filter((id) => id !== 'contacts')
      .flatMap((id) => {
        const answer = answerLabel(config, id, answers);
        const value = answerOf(answers, id) as string | number | string[] | undefined;
        return answer === null || value === undefined
          ? []
          : [{ stepId: id, question: stepLabel(config, id), answer, value }];
      }),
    estimate: {
      total: options.estimate.total,
      min: options.estimate.range.min,
      max: options.estimate.range.max,
      text: options.estimateText,
    },
    utm: options.utm,
    pageUrl: options.pageUrl,
    dialogUrl: options.dialogUrl,
    funnelVersion: options.funnelVersion,
  };
}

/** A value of the snapshot by its mapping source (`answer:area`, `estimate.total`, `utm.source`…). */
export function sourceValue(
  lead: LeadSnapshot,
  source: string,
): { text: string; raw: string | number | string[] } | null {
  if (source.startsWith('answer:')) {
    const found = lead.answers.find((each) => each.stepId === source.slice('answer:'.length));
    return found ? { text: found.answer, raw: found.value } : null;
  }
  const pick = (value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? null : { text: String(value), raw: value };
  switch (source) {
    case 'estimate.total':
      return pick(lead.estimate.total);
    case 'estimate.min':
      return pick(lead.estimate.min);
    case 'estimate.max':
      return pick(lead.estimate.max);
    case 'estimate.text':
      return pick(lead.estimate.text);
    case 'contact.name':
      return pick(lead.name);
    case 'contact.phone':
      return pick(lead.phone);
    case 'page_url':
      return pick(lead.pageUrl);
    case 'dialog_url':
      return pick(lead.dialogUrl);
    default:
      return source.startsWith('utm.') ? pick(lead.utm[`utm_${source.slice('utm.'.length)}`]) : null;
  }
}
