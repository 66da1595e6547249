import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatKopecks,
  inDays,
  invoiceIssued,
  newLead,
  paymentReceived,
  planExpired,
  planExpiresSoon,
  plural,
} from './templates.ts';

// Intl puts non-breaking spaces in amounts; compare them as plain spaces.
const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const billingUrl = 'https://app.aimax.ru/admin/billing';

describe('formatting', () => {
  it('writes dates as Moscow dates, «9 декабря 2026»', () => {
    expect(formatDate(new Date('2026-12-09T09:00:00Z'))).toBe('9 декабря 2026');
    // 22:30 UTC on the 8th is already the 9th in Moscow (UTC+3).
    expect(formatDate(new Date('2026-12-08T22:30:00Z'))).toBe('9 декабря 2026');
    expect(formatDate(new Date('2027-03-01T00:00:00+03:00'))).toBe('1 марта 2027');
  });

  it('writes money as roubles and kopecks, «8 970,00 ₽»', () => {
    expect(plain(formatKopecks(897_000))).toBe('8 970,00 ₽');
    expect(plain(formatKopecks(123_456_789))).toBe('1 234 567,89 ₽');
    expect(plain(formatKopecks(50))).toBe('0,50 ₽');
  });

  it('picks the Russian plural', () => {
    const days = ['день', 'дня', 'дней'] as const;
    expect([1, 2, 3, 4, 5, 7, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => `${n} ${plural(n, days)}`)).toEqual([
      '1 день',
      '2 дня',
      '3 дня',
      '4 дня',
      '5 дней',
      '7 дней',
      '11 дней',
      '12 дней',
      '14 дней',
      '21 день',
      '22 дня',
      '25 дней',
      '101 день',
      '111 дней',
    ]);
    expect([7, 3, 1, 0].map(inDays)).toEqual(['через 7 дней', 'через 3 дня', 'завтра', 'сегодня']);
  });
});

describe('invoiceIssued', () => {
  const email = invoiceIssued({
    companyName: 'Ремонт Плюс',
    invoiceNumber: '2026-0042',
    issuedAt: new Date('2026-12-01T10:00:00+03:00'),
    dueAt: new Date('2026-12-11T10:00:00+03:00'),
    planName: 'Бизнес',
    termMonths: 3,
    amountKopecks: 897_000,
    billingUrl,
  });

  it('names the invoice and the plan in the subject', () => {
    expect(email.subject).toBe('Счёт № 2026-0042 на оплату тарифа «Бизнес»');
  });

  it('gives the amount, the term, the due date and the attached PDF in both bodies', () => {
    for (const body of [plain(email.html), plain(email.text)]) {
      expect(body).toContain('Здравствуйте, команда «Ремонт Плюс»!');
      expect(body).toContain('8 970,00 ₽');
      expect(body).toContain('3 месяца');
      expect(body).toContain('11 декабря 2026');
      expect(body).toContain('№ 2026-0042 от 1 декабря 2026');
      expect(body).toContain('во вложении');
      expect(body).toContain(billingUrl);
      expect(body).toContain('AI Max');
    }
  });

  it('is a whole HTML document with inline styles', () => {
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.html).toContain('<html lang="ru">');
    expect(email.html).toContain(`href="${billingUrl}"`);
    expect(email.html).not.toContain('<style');
  });
});

describe('paymentReceived', () => {
  it('says the plan is active until the end of the paid period', () => {
    const email = paymentReceived({
      companyName: 'Ремонт Плюс',
      invoiceNumber: '2026-0042',
      planName: 'Старт',
      periodEnd: new Date('2027-03-09T12:00:00+03:00'),
      billingUrl,
    });
    expect(email.subject).toBe('Оплата получена: тариф «Старт» активен до 9 марта 2027 включительно');
    expect(email.text).toContain('по счёту № 2026-0042');
    expect(email.html).toContain('<strong>9 марта 2027</strong>');
  });
});

describe('planExpiresSoon', () => {
  const soon = (daysLeft: number) =>
    planExpiresSoon({
      companyName: 'Ремонт Плюс',
      planName: 'Бизнес',
      expiresAt: new Date('2026-12-09T12:00:00+03:00'),
      daysLeft,
      billingUrl,
    });

  it('counts the days in correct Russian', () => {
    expect(soon(7).subject).toBe('Тариф «Бизнес» заканчивается через 7 дней');
    expect(soon(3).subject).toBe('Тариф «Бизнес» заканчивается через 3 дня');
    expect(soon(3).text).toContain('заканчивается через 3 дня: последний оплаченный день — 9 декабря 2026');
    expect(soon(1).subject).toBe('Тариф «Бизнес» заканчивается завтра');
  });
});

describe('planExpired', () => {
  it('says the company is on Free, its data kept, AI and integrations within Free limits', () => {
    const email = planExpired({
      companyName: 'Ремонт Плюс',
      planName: 'Бизнес',
      expiredAt: new Date('2026-12-09T00:00:00+03:00'),
      billingUrl,
    });
    expect(email.subject).toBe('Тариф «Бизнес» закончился');
    expect(email.text).toContain(
      'закончился: последний оплаченный день был 9 декабря 2026. Компания переведена на тариф Free',
    );
    expect(email.text).toContain('Все данные сохранены');
    expect(email.text).toContain('ИИ-ответы и интеграции теперь ограничены лимитами Free');
  });
});

describe('escaping', () => {
  const hostile = {
    companyName: 'ООО <b>Жирный</b> & "Сыновья"',
    invoiceNumber: '<img src=x onerror=alert(1)>',
    planName: 'Бизнес</td><script>alert(1)</script>',
  };

  it('escapes every value in the HTML and keeps it as typed in the text', () => {
    const email = invoiceIssued({
      ...hostile,
      issuedAt: new Date('2026-12-01T10:00:00Z'),
      dueAt: new Date('2026-12-11T10:00:00Z'),
      termMonths: 1,
      amountKopecks: 100,
      billingUrl: 'https://app.aimax.ru/admin/billing?a=1&b="2"',
    });
    expect(email.html).toContain('ООО &lt;b&gt;Жирный&lt;/b&gt; &amp; &quot;Сыновья&quot;');
    expect(email.html).not.toContain('<b>Жирный</b>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('href="https://app.aimax.ru/admin/billing?a=1&amp;b=&quot;2&quot;"');
    expect(email.text).toContain('Здравствуйте, команда «ООО <b>Жирный</b> & "Сыновья"»!');
  });

  it('keeps links to the web only, and subjects on one line', () => {
    const email = planExpired({
      companyName: 'Ремонт',
      planName: 'Бизнес\r\nBcc: victim@example.ru',
      expiredAt: new Date(),
      billingUrl: 'javascript:alert(1)',
    });
    expect(email.html).not.toContain('javascript:');
    expect(email.html).toContain('href="#"');
    expect(email.subject).toBe('Тариф «Бизнес Bcc: victim@example.ru» закончился');
  });
});

describe('newLead', () => {
  const lead = {
    companyName: 'Ремонт Плюс',
    name: 'Анна <script>',
    phone: '+7 916 123-45-67',
    answers: [
      { question: 'Тип объекта', answer: 'Вторичка' },
      { question: 'Площадь', answer: '54 м²' },
    ],
    estimate: 'от 450 000 до 600 000 ₽',
    pageUrl: null,
    source: null,
    leadUrl: 'https://app.aimax.ru/admin/leads/42',
  };

  it('names the visitor, their phone and answers, and links to the lead', () => {
    const email = newLead(lead);
    expect(email.subject).toBe('Новая заявка: Анна <script>, +7 916 123-45-67');
    expect(email.text).toContain('Посетитель оставил заявку: Анна <script>, +7 916 123-45-67.');
    expect(email.text).toContain('Тип объекта: Вторичка\nПлощадь: 54 м²\nСтоимость: от 450 000 до 600 000 ₽');
    expect(email.text).toContain('Открыть заявку: https://app.aimax.ru/admin/leads/42');
    expect(email.text).toContain('отключаются в меню профиля');
    expect(email.text).not.toContain('Источник');
    expect(email.text).not.toContain('Страница');
    expect(email.html).toContain('Анна &lt;script&gt;');
    expect(email.html).not.toContain('<script>');
  });

  it('says which site the lead came from, and how the visitor got there', () => {
    const email = newLead({ ...lead, pageUrl: 'https://remont.example/ceny', source: 'yandex / cpc' });
    expect(email.text).toContain('На сайте remont.example оставили заявку');
    expect(email.text).toContain('Источник: yandex / cpc\nСтраница: https://remont.example/ceny');
  });
});
