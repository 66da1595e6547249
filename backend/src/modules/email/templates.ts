// The emails the platform sends to companies, in Russian: each template returns the subject, an
// HTML body (inline CSS, as mail clients want) and a plain-text body. Every value is escaped in
// the HTML through the `html` tag below; dates are Moscow dates, amounts roubles and kopecks.
import { escapeHtml } from '../../lib/html.ts';

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

// ——— formatting ———

const MOSCOW = 'Europe/Moscow';
const dateParts = new Intl.DateTimeFormat('ru-RU', {
  timeZone: MOSCOW,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const rubles = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 });
const pluralRules = new Intl.PluralRules('ru-RU');

/** «9 декабря 2026», the date in Moscow. */
export function formatDate(date: Date): string {
  const parts = dateParts.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}`;
}

/** «8 970,00 ₽» (with non-breaking spaces, so an amount never wraps). */
export const formatKopecks = (kopecks: number): string => rubles.format(kopecks / 100);

/** The Russian form of a word for a count: plural(3, ['день', 'дня', 'дней']) is «дня». */
export function plural(count: number, [one, few, many]: readonly [string, string, string]): string {
  const rule = pluralRules.select(count);
  return rule === 'one' ? one : rule === 'many' ? many : few;
}

const DAYS = ['день', 'дня', 'дней'] as const;
const MONTHS = ['месяц', 'месяца', 'месяцев'] as const;

/** «через 7 дней», «через 3 дня»; «завтра» and «сегодня» for 1 and 0. */
export function inDays(days: number): string {
  if (days <= 0) return 'сегодня';
  if (days === 1) return 'завтра';
  return `через ${days} ${plural(days, DAYS)}`;
}

const months = (count: number) => `${count} ${plural(count, MONTHS)}`;

// Subjects are one header line: whatever a company calls itself, no line breaks get in.
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

// ——— safe HTML ———

class Html {
  constructor(readonly value: string) {}
}

type HtmlValue = Html | string | number | readonly HtmlValue[] | null | undefined | false;

const render = (value: HtmlValue): string => {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/** HTML in which every interpolated value is escaped, unless it is itself `html`. */
const html = (strings: TemplateStringsArray, ...values: HtmlValue[]) =>
  new Html(strings.reduce((out, chunk, index) => out + render(values[index - 1]) + chunk));

// Only web links become buttons; anything else would be a way to smuggle `javascript:` in.
const webUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '#');

// ——— layout ———

const BRAND = '#4f46e5';

interface Letter {
  subject: string;
  companyName: string;
  /** Why the reader gets this email; by default, because the company is an AI Max customer. */
  footer?: string;
  /** Paragraphs of the body, in HTML and as text. */
  paragraphs: { html: Html; text: string }[];
  details?: [label: string, value: string][];
  action: { label: string; url: string };
}

function letter({ subject, companyName, footer: why, paragraphs, details = [], action }: Letter): EmailContent {
  const greeting = `Здравствуйте, команда «${companyName}»!`;
  const footer = `${why ?? `Вы получили это письмо, потому что компания «${companyName}» зарегистрирована в AI Max.`} Письмо отправлено автоматически, отвечать на него не нужно.`;
  const cell = 'padding:6px 0;border-bottom:1px solid #e5e7eb;';

  const body = html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 12px;">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;font-family:Arial,Helvetica,sans-serif;color:#111827;">
<tr><td style="background:${BRAND};border-radius:12px 12px 0 0;padding:20px 32px;color:#ffffff;font-size:20px;font-weight:bold;">AI Max</td></tr>
<tr><td style="padding:32px;font-size:15px;line-height:1.6;">
<p style="margin:0 0 16px;">${greeting}</p>
${paragraphs.map((paragraph) => html`<p style="margin:0 0 16px;">${paragraph.html}</p>\n`)}${
  details.length > 0
    ? html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:8px 0 24px;font-size:14px;">
${details.map(([label, value]) => html`<tr><td style="${cell}color:#6b7280;">${label}</td><td style="${cell}text-align:right;font-weight:bold;">${value}</td></tr>\n`)}</table>
`
    : ''
}<p style="margin:24px 0 8px;"><a href="${webUrl(action.url)}" style="display:inline-block;background:${BRAND};color:#ffffff;text-decoration:none;padding:12px 24px;border-radius:8px;font-weight:bold;">${action.label}</a></p>
</td></tr>
<tr><td style="padding:20px 32px;border-top:1px solid #e5e7eb;color:#6b7280;font-size:12px;line-height:1.5;">${footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph.text, '']),
    ...(details.length > 0 ? [...details.map(([label, value]) => `${label}: ${value}`), ''] : []),
    `${action.label}: ${action.url}`,
    '',
    '—',
    'AI Max',
    footer,
    '',
  ].join('\n');

  return { subject, html: body.value, text };
}

/** A value set in bold in the HTML (plain in the text). */
class Strong {
  constructor(readonly text: string) {}
}
const strong = (text: string) => new Strong(text);

/** A paragraph written once, for both bodies. */
const paragraph = (parts: TemplateStringsArray, ...values: (string | Strong)[]) => ({
  html: html(parts, ...values.map((value) => (value instanceof Strong ? html`<strong>${value.text}</strong>` : value))),
  text: parts.reduce((out, chunk, index) => {
    const value = values[index - 1];
    return out + (value instanceof Strong ? value.text : (value ?? '')) + chunk;
  }),
});

// ——— the emails ———

export function invoiceIssued(input: {
  companyName: string;
  invoiceNumber: string;
  issuedAt: Date;
  dueAt: Date;
  planName: string;
  termMonths: number;
  amountKopecks: number;
  billingUrl: string;
}): EmailContent {
  const amount = formatKopecks(input.amountKopecks);
  return letter({
    subject: oneLine(`Счёт № ${input.invoiceNumber} на оплату тарифа «${input.planName}»`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Мы выставили счёт № ${input.invoiceNumber} на оплату тарифа «${input.planName}» на ${months(input.termMonths)}.`,
      paragraph`Счёт в PDF — во вложении к этому письму. Оплатите его, пожалуйста, до ${strong(formatDate(input.dueAt))}. Когда оплата поступит, мы пришлём подтверждение.`,
    ],
    details: [
      ['Счёт', `№ ${input.invoiceNumber} от ${formatDate(input.issuedAt)}`],
      ['Тариф', `«${input.planName}», ${months(input.termMonths)}`],
      ['К оплате', amount],
      ['Оплатить до', formatDate(input.dueAt)],
    ],
    action: { label: 'Открыть оплату', url: input.billingUrl },
  });
}

export function paymentReceived(input: {
  companyName: string;
  invoiceNumber: string;
  planName: string;
  periodEnd: Date;
  billingUrl: string;
}): EmailContent {
  const until = formatDate(input.periodEnd);
  return letter({
    subject: oneLine(`Оплата получена: тариф «${input.planName}» активен до ${until} включительно`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Мы получили оплату по счёту № ${input.invoiceNumber}. Спасибо!`,
      paragraph`Тариф «${input.planName}» активен до ${strong(until)} включительно. Лимиты и возможности тарифа уже действуют.`,
    ],
    action: { label: 'Открыть тариф и оплату', url: input.billingUrl },
  });
}

export function planExpiresSoon(input: {
  companyName: string;
  planName: string;
  expiresAt: Date;
  daysLeft: number;
  billingUrl: string;
}): EmailContent {
  const when = inDays(input.daysLeft);
  const date = formatDate(input.expiresAt);
  return letter({
    subject: oneLine(`Тариф «${input.planName}» заканчивается ${when}`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Тариф «${input.planName}» заканчивается ${when}: последний оплаченный день — ${strong(date)}.`,
      paragraph`Чтобы ИИ-ответы и интеграции работали без перерыва, продлите тариф заранее в разделе «Тарифы и оплата». Если тариф не продлить, компания перейдёт на Free; все данные сохранятся.`,
    ],
    action: { label: 'Продлить тариф', url: input.billingUrl },
  });
}

export function planExpired(input: {
  companyName: string;
  planName: string;
  expiredAt: Date;
  billingUrl: string;
}): EmailContent {
  return letter({
    subject: oneLine(`Тариф «${input.planName}» закончился`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Тариф «${input.planName}» закончился: последний оплаченный день был ${strong(formatDate(input.expiredAt))}. Компания переведена на тариф Free.`,
      paragraph`Все данные сохранены: диалоги, заявки, база знаний и настройки. ИИ-ответы и интеграции теперь ограничены лимитами Free.`,
      paragraph`Чтобы вернуть возможности тарифа, продлите его в разделе «Тарифы и оплата».`,
    ],
    action: { label: 'Продлить тариф', url: input.billingUrl },
  });
}

export function domainFailing(input: {
  companyName: string;
  /** As people read it: «окна.рф». */
  domain: string;
  problem: string;
  disableOn: Date;
  settingsUrl: string;
}): EmailContent {
  return letter({
    subject: oneLine(`Домен ${input.domain} перестал указывать на AI Max`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Ежедневная проверка DNS домена ${strong(input.domain)} не прошла. ${input.problem}.`,
      paragraph`Пока виджет на нём работает. Если записи не исправить до ${strong(formatDate(input.disableOn))}, домен будет отключён и виджет перестанет на нём открываться.`,
      paragraph`Записи, которые нужны, и кнопка «Проверить» — в разделе «Виджет».`,
    ],
    action: { label: 'Открыть настройки домена', url: input.settingsUrl },
  });
}

export function domainDisabled(input: {
  companyName: string;
  domain: string;
  problem: string;
  settingsUrl: string;
}): EmailContent {
  return letter({
    subject: oneLine(`Домен ${input.domain} отключён`),
    companyName: input.companyName,
    paragraphs: [
      paragraph`Записи DNS домена ${strong(input.domain)} так и не указывают на AI Max. ${input.problem}.`,
      paragraph`Домен отключён: виджет на нём больше не открывается.`,
      paragraph`На сайтах с кодом виджета по адресу AI Max чат работает как прежде. Чтобы вернуть домен, исправьте записи и нажмите «Проверить» в разделе «Виджет».`,
    ],
    action: { label: 'Открыть настройки домена', url: input.settingsUrl },
  });
}

export function newLead(input: {
  companyName: string;
  name: string;
  /** As people write it: «+7 916 123-45-67». */
  phone: string;
  /** The funnel's answers under their short labels («Площадь»: «64 м²»). */
  answers: { question: string; answer: string }[];
  /** «от 450 000 до 600 000 ₽». */
  estimate: string;
  /** The page the visitor left the lead on, when known. */
  pageUrl: string | null;
  /** «yandex / cpc», from the visit's UTM tags, when it had any. */
  source: string | null;
  leadUrl: string;
}): EmailContent {
  const site = input.pageUrl ? hostOf(input.pageUrl) : null;
  const answers = input.answers.map(({ question, answer }): [string, string] => [question, answer]);
  const visit: [string, string | null][] = [
    ['Источник', input.source],
    ['Страница', input.pageUrl],
  ];
  return letter({
    subject: oneLine(`Новая заявка: ${input.name}, ${input.phone}`),
    companyName: input.companyName,
    footer: `Вы получили это письмо как сотрудник компании «${input.companyName}» в AI Max. Письма о новых заявках отключаются в меню профиля, в разделе «Уведомления».`,
    paragraphs: [
      site
        ? paragraph`На сайте ${site} оставили заявку: ${strong(input.name)}, ${strong(input.phone)}.`
        : paragraph`Посетитель оставил заявку: ${strong(input.name)}, ${strong(input.phone)}.`,
      paragraph`Предварительная стоимость — ${strong(input.estimate)}. Позвоните, пока клиент ещё помнит о расчёте.`,
    ],
    details: [
      ['Имя', input.name],
      ['Телефон', input.phone],
      ...answers,
      ['Стоимость', input.estimate],
      ...visit.filter((row): row is [string, string] => row[1] !== null),
    ],
    action: { label: 'Открыть заявку', url: input.leadUrl },
  });
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
