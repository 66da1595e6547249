import type { InvoiceView } from '@aimax/backend/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InvoiceStatusNote } from './InvoiceStatus';

type Noted = Parameters<typeof InvoiceStatusNote>[0]['invoice'];

const issued: Noted = {
  status: 'issued',
  dueAt: '2026-03-17T10:00:00.000Z',
  paidAt: null,
  cancelledAt: null,
  cancelReason: null,
  paidVia: null,
  onlinePayment: null,
};

const payment = (status: NonNullable<InvoiceView['onlinePayment']>['status'], reason: string | null) => ({
  status,
  reason,
  createdAt: '2026-03-06T09:00:00.000Z',
});

/** The note's text, tags and all, without its classes. */
const render = (invoice: Noted) =>
  renderToStaticMarkup(<InvoiceStatusNote invoice={invoice} />).replace(/ class="[^"]*"/g, '');

describe('InvoiceStatusNote', () => {
  it('keeps the date on its own, and says after it how a paid invoice was paid', () => {
    const paid: Noted = { ...issued, status: 'paid', paidAt: '2026-03-10T10:00:00.000Z' };
    expect(render({ ...paid, paidVia: 'online' })).toBe('<span><span>оплачен 10.03.2026</span> · онлайн</span>');
    expect(render({ ...paid, paidVia: 'transfer' })).toBe('<span><span>оплачен 10.03.2026</span> · переводом</span>');
  });

  it('says why the last online payment of an unpaid invoice failed', () => {
    expect(render({ ...issued, onlinePayment: payment('canceled', 'Недостаточно средств на карте') })).toContain(
      'Онлайн-оплата не прошла: Недостаточно средств на карте',
    );
    expect(render({ ...issued, status: 'overdue', onlinePayment: payment('canceled', null) })).toContain(
      'Онлайн-оплата не прошла<',
    );
  });

  it('says nothing of a payment still under way, or of one failed before the invoice was paid', () => {
    expect(render({ ...issued, onlinePayment: payment('pending', null) })).toBe(
      '<span><span>до 17.03.2026</span></span>',
    );
    const paidLater: Noted = {
      ...issued,
      status: 'paid',
      paidAt: '2026-03-10T10:00:00.000Z',
      paidVia: 'transfer',
      onlinePayment: payment('canceled', 'Платёж отклонён банком'),
    };
    expect(render(paidLater)).not.toContain('Онлайн-оплата');
  });
});
