import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeYooKassa, startFakeYooKassa } from '../../../test/fakes/yookassa.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { COMPANY_BUYER, configureSeller, issueInvoiceAs, SELLER } from '../../../test/support/billing.ts';
import { type ApiClient, addManager, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { queuedEmails } from '../../../test/support/outbox.ts';
import { auditLog, invoicePayments, tenants } from '../../db/schema.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

let yookassa: FakeYooKassa;
let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  yookassa = await startFakeYooKassa();
  ctx = await createTestApp({
    env: {
      ...yookassa.env,
      YOOKASSA_NOTIFICATION_IPS: '127.0.0.1,10.0.0.0/8',
      YOOKASSA_RECEIPTS: 'true',
    },
  });
  // The poll is driven by hand below, so that a notification's effect is not the poll's.
  await ctx.app.paymentPoll?.stop();
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
  await configureSeller(ctx.db, { ...SELLER, vatRate: 22 });
});
afterAll(() => yookassa.close());

const tenantOf = (owner: ApiClient) => owner.session.tenant?.id as string;

async function ownerWithInvoice(options: { plan?: string; termMonths?: number } = {}) {
  const owner = await signUpOwner(ctx.app);
  const issued = await issueInvoiceAs(owner, { plan: options.plan ?? 'business', termMonths: options.termMonths ?? 3 });
  return { owner, invoice: issued.json().invoice as { id: string; number: string; amountKopecks: number } };
}

const start = (owner: ApiClient, invoiceId: string) => owner.post(`/api/billing/invoices/${invoiceId}/online-payment`);

/** The YooKassa payment behind our attempt. */
async function providerIdOf(paymentId: string): Promise<string> {
  const [row] = await ctx.db.withPlatform({ actorUserId: null, action: 'test.payment' }, (tx) =>
    tx.select().from(invoicePayments).where(eq(invoicePayments.id, paymentId)),
  );
  return row?.providerPaymentId as string;
}

/** A notification as YooKassa sends it, from `ip`, with the fake's current payment object as body. */
const notify = (providerPaymentId: string, options: { event?: string; ip?: string; body?: unknown } = {}) => {
  const payment = yookassa.payments.get(providerPaymentId);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/payments/yookassa/notifications',
    remoteAddress: options.ip ?? '127.0.0.1',
    payload: options.body ?? {
      type: 'notification',
      event: options.event ?? `payment.${payment?.status}`,
      object: payment ?? { id: providerPaymentId },
    },
  });
};

async function invoiceOf(owner: ApiClient, invoiceId: string) {
  const list = (await owner.get('/api/billing/invoices')).json();
  return list.invoices.find((invoice: { id: string }) => invoice.id === invoiceId);
}

async function planOf(owner: ApiClient) {
  const tenantId = tenantOf(owner);
  const [row] = await ctx.db.withTenant(tenantId, (tx) =>
    tx.select({ plan: tenants.plan, expiresAt: tenants.planExpiresAt }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row;
}

const paidAudits = async (invoiceId: string) => {
  const rows = await ctx.db.withPlatform({ actorUserId: null, action: 'test.audit' }, (tx) =>
    tx.select().from(auditLog).where(eq(auditLog.action, 'platform.invoice_paid')),
  );
  return rows.filter((row) => (row.details as { invoiceId?: string }).invoiceId === invoiceId);
};

describe('starting an online payment', () => {
  it('creates one embedded payment for the invoice’s exact amount, with a 54-ФЗ receipt', async () => {
    const { owner, invoice } = await ownerWithInvoice({ plan: 'business', termMonths: 3 });
    const list = (await owner.get('/api/billing/invoices')).json();
    expect(list.onlinePayment).toEqual({ widgetUrl: yookassa.widgetUrl });
    const before = yookassa.created.length;

    const started = await start(owner, invoice.id);
    expect(started.statusCode).toBe(200);
    const { paymentId, confirmationToken } = started.json();
    expect(confirmationToken).toMatch(/^ct-/);
    const request = yookassa.created.at(-1);
    expect(yookassa.created.length).toBe(before + 1);
    expect(request?.body).toMatchObject({
      amount: {
        value: `${Math.floor(invoice.amountKopecks / 100)}.${String(invoice.amountKopecks % 100).padStart(2, '0')}`,
        currency: 'RUB',
      },
      capture: true,
      confirmation: { type: 'embedded' },
      metadata: { invoiceId: invoice.id, paymentId },
      receipt: {
        customer: { email: COMPANY_BUYER.email },
        items: [
          {
            quantity: 1,
            vat_code: 11,
            payment_subject: 'service',
            payment_mode: 'full_payment',
            description: expect.stringContaining('Бизнес'),
          },
        ],
      },
    });
    expect(String(request?.body.description)).toContain(invoice.number);
    const [row] = await ctx.db.withTenant(tenantOf(owner), (tx) =>
      tx.select().from(invoicePayments).where(eq(invoicePayments.id, paymentId)),
    );
    expect(row?.idempotenceKey).toBe(request?.key);
    expect(row?.status).toBe('pending');
    expect((await invoiceOf(owner, invoice.id)).onlinePayment).toMatchObject({ status: 'pending', reason: null });

    // A second click (another tab, a reload) gets the same payment, not a second one.
    const again = await start(owner, invoice.id);
    expect(again.json()).toEqual({ paymentId, confirmationToken });
    expect(yookassa.created.length).toBe(before + 1);
  });

  it('asks again with the same idempotence key when YooKassa’s answer was lost, and makes one payment', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const payments = yookassa.payments.size;
    yookassa.failNext(3, 500);
    const failed = await start(owner, invoice.id);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(failed.json().error.message).toMatch(/ЮKassa/);

    // A 429 then a success: the client waits and repeats, the owner sees nothing of it.
    yookassa.failNext(1, 429);
    const started = await start(owner, invoice.id);
    expect(started.statusCode).toBe(200);
    expect(yookassa.payments.size).toBe(payments + 1);
    const attempts = await ctx.db.withTenant(tenantOf(owner), (tx) =>
      tx.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id)),
    );
    expect(attempts).toHaveLength(1);
  });

  it('is refused for an invoice paid, cancelled or not the company’s, and for a manager', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    expect((await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`)).statusCode).toBe(200);
    const paid = await start(owner, invoice.id);
    expect(paid.statusCode).toBe(409);
    expect(paid.json().error.code).toBe('INVOICE_NOT_PAYABLE');
    const other = await signUpOwner(ctx.app);
    expect((await start(other, invoice.id)).statusCode).toBe(404);
    const manager = await addManager(ctx.app, owner);
    expect((await start(manager, invoice.id)).statusCode).toBe(403);
    expect((await start(owner, '00000000-0000-4000-8000-000000000000')).json().error.code).toBe('INVOICE_NOT_FOUND');
  });

  it('says why when YooKassa refuses the payment, and the next try starts afresh', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    yookassa.failNext(1, 400);
    const refused = await start(owner, invoice.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PAYMENT_REFUSED', message: expect.stringMatching(/^ЮKassa/) });
    expect((await invoiceOf(owner, invoice.id)).onlinePayment).toMatchObject({
      status: 'canceled',
      reason: expect.stringMatching(/ЮKassa не приняла/),
    });
    const retried = await start(owner, invoice.id);
    expect(retried.statusCode).toBe(200);
    expect((await invoiceOf(owner, invoice.id)).onlinePayment.status).toBe('pending');
  });
});

describe('a payment that succeeds', () => {
  it('pays the invoice once, with one email and one audit entry, however many notifications come', async () => {
    const { owner, invoice } = await ownerWithInvoice({ plan: 'business', termMonths: 3 });
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    yookassa.succeed(providerId, { type: 'sbp', title: 'СБП' });

    const answers = await Promise.all([notify(providerId), notify(providerId), notify(providerId)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);

    const paid = await invoiceOf(owner, invoice.id);
    expect(paid).toMatchObject({ status: 'paid', paidVia: 'online', onlinePayment: { status: 'succeeded' } });
    const plan = await planOf(owner);
    expect(plan?.plan).toBe('business');
    expect(plan?.expiresAt?.toISOString()).toBe(paid.periodEnd);
    expect(await queuedEmails(ctx.db, tenantOf(owner), 'payment_received')).toHaveLength(1);
    const audits = await paidAudits(invoice.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ via: 'online', providerPaymentId: providerId });

    // A late `canceled` (out of order) changes nothing: the API still says succeeded.
    expect((await notify(providerId, { event: 'payment.canceled' })).statusCode).toBe(200);
    expect(await invoiceOf(owner, invoice.id)).toMatchObject({
      status: 'paid',
      onlinePayment: { status: 'succeeded' },
    });

    // The superadmin sees how it was paid.
    const listed = (await admin.get(`/api/platform/invoices?q=${invoice.number}`)).json().invoices[0];
    expect(listed).toMatchObject({ paidVia: 'online', paidBy: null });
    expect(listed.payments).toEqual([
      expect.objectContaining({
        id: paymentId,
        providerPaymentId: providerId,
        status: 'succeeded',
        method: 'sbp',
        methodTitle: 'СБП',
        amountKopecks: invoice.amountKopecks,
        paidAt: expect.any(String),
        refund: null,
      }),
    ]);
  });

  it('is paid by the poll when the notification never comes', async () => {
    const { owner, invoice } = await ownerWithInvoice({ plan: 'start', termMonths: 1 });
    const { paymentId } = (await start(owner, invoice.id)).json();
    yookassa.succeed(await providerIdOf(paymentId));
    expect((await invoiceOf(owner, invoice.id)).status).toBe('issued');

    const run = await ctx.app.paymentPoll?.runOnce();
    expect(run?.checked).toBeGreaterThanOrEqual(1);
    expect(await invoiceOf(owner, invoice.id)).toMatchObject({ status: 'paid', paidVia: 'online' });
    expect((await planOf(owner))?.plan).toBe('start');
    // The next look finds nothing left to do for it, and pays nothing twice.
    await ctx.app.paymentPoll?.runOnce();
    expect(await queuedEmails(ctx.db, tenantOf(owner), 'payment_received')).toHaveLength(1);
    expect(await paidAudits(invoice.id)).toHaveLength(1);
  });

  it('is paid when the owner’s page asks, after the widget said success', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const pending = await owner.post(`/api/billing/invoices/${invoice.id}/online-payment/check`);
    expect(pending.statusCode).toBe(200);
    expect(pending.json().invoice).toMatchObject({ status: 'issued', onlinePayment: { status: 'pending' } });
    yookassa.succeed(await providerIdOf(paymentId));
    const checked = await owner.post(`/api/billing/invoices/${invoice.id}/online-payment/check`);
    expect(checked.json().invoice).toMatchObject({ status: 'paid', paidVia: 'online' });
    expect((await planOf(owner))?.plan).toBe('business');
  });
});

describe('a payment that fails', () => {
  it('leaves the invoice awaiting payment, says why in Russian, and a new try makes a new payment', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const first = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(first.paymentId);
    yookassa.cancel(providerId, 'insufficient_funds');
    expect((await notify(providerId)).statusCode).toBe(200);

    const failed = await invoiceOf(owner, invoice.id);
    expect(failed.status).toBe('issued');
    expect(failed.onlinePayment).toMatchObject({ status: 'canceled', reason: expect.stringMatching(/недостаточно/i) });
    expect((await planOf(owner))?.plan).toBe('free');

    const second = (await start(owner, invoice.id)).json();
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(second.confirmationToken).not.toBe(first.confirmationToken);
    // A `succeeded` claimed for the cancelled one changes nothing: the API says canceled.
    expect((await notify(providerId, { event: 'payment.succeeded' })).statusCode).toBe(200);
    expect((await invoiceOf(owner, invoice.id)).status).toBe('issued');
  });
});

describe('forged notifications change nothing', () => {
  it('from an address that is not YooKassa’s', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    yookassa.succeed(providerId);
    const forged = await notify(providerId, { ip: '203.0.113.7' });
    expect(forged.statusCode).toBe(403);
    expect((await invoiceOf(owner, invoice.id)).status).toBe('issued');
    // From an allowed range (10.0.0.0/8), the same notice is heard.
    expect((await notify(providerId, { ip: '10.1.2.3' })).statusCode).toBe(200);
    expect((await invoiceOf(owner, invoice.id)).status).toBe('paid');
  });

  it('with a payment id YooKassa does not know, or that is not ours', async () => {
    const unknown = await notify('2f3a1b9c-000f-5000-9000-1b2c3d4e5f60', {
      body: {
        type: 'notification',
        event: 'payment.succeeded',
        object: { id: '2f3a1b9c-000f-5000-9000-1b2c3d4e5f60' },
      },
    });
    expect(unknown.statusCode).toBe(200);
    const malformed = await notify('x', { body: { event: 'payment.succeeded', object: { id: '../../payments' } } });
    expect(malformed.statusCode).toBe(400);
  });

  it('claiming `succeeded` for a payment the API says is pending', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    const payment = yookassa.payments.get(providerId);
    const claim = { ...payment, status: 'succeeded', paid: true };
    const answer = await notify(providerId, {
      body: { type: 'notification', event: 'payment.succeeded', object: claim },
    });
    expect(answer.statusCode).toBe(200);
    expect(await invoiceOf(owner, invoice.id)).toMatchObject({
      status: 'issued',
      onlinePayment: { status: 'pending' },
    });
    expect(await paidAudits(invoice.id)).toHaveLength(0);
  });

  it('for a payment whose amount differs from the invoice’s by one kopeck', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    const payment = yookassa.payments.get(providerId);
    if (!payment) throw new Error('no payment at the fake');
    const short = invoice.amountKopecks - 1;
    payment.amount.value = `${Math.floor(short / 100)}.${String(short % 100).padStart(2, '0')}`;
    yookassa.succeed(providerId);
    expect((await notify(providerId)).statusCode).toBe(200);
    await ctx.app.paymentPoll?.runOnce();
    expect((await invoiceOf(owner, invoice.id)).status).toBe('issued');
    expect((await planOf(owner))?.plan).toBe('free');
    expect(await queuedEmails(ctx.db, tenantOf(owner), 'payment_received')).toHaveLength(0);
  });

  it('with a body that is not a notification', async () => {
    const empty = await ctx.app.inject({
      method: 'POST',
      url: '/api/payments/yookassa/notifications',
      payload: { hello: 'world' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('BAD_REQUEST');
  });
});

describe('refunds', () => {
  it('return an online payment in full, once, and leave the plan as it is', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    yookassa.succeed(providerId);
    await notify(providerId);
    const refunds = yookassa.refunds.size;

    const url = `/api/platform/invoices/${invoice.id}/payments/${paymentId}/refund`;
    const [first, second] = await Promise.all([admin.post(url), admin.post(url)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(yookassa.refunds.size).toBe(refunds + 1);
    const refund = [...yookassa.refunds.values()].at(-1);
    expect(refund).toMatchObject({ payment_id: providerId, status: 'succeeded' });
    expect(Math.round(Number(refund?.amount.value) * 100)).toBe(invoice.amountKopecks);

    const view = (await admin.post(url)).json();
    expect(view.payments[0].refund).toMatchObject({
      status: 'succeeded',
      providerRefundId: refund?.id,
      requestedBy: 'operator@aimax.test',
    });
    expect(view.status).toBe('paid');
    expect((await planOf(owner))?.plan).toBe('business');
    expect(yookassa.refunds.size).toBe(refunds + 1);
  });

  it('are watched by the poll until YooKassa settles them, however old the payment', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const providerId = await providerIdOf(paymentId);
    yookassa.succeed(providerId);
    await notify(providerId);
    // Paid three days ago: the payment itself is long out of the poll's window.
    await ctx.db.withPlatform({ actorUserId: null, action: 'test.payment' }, (tx) =>
      tx
        .update(invoicePayments)
        .set({ createdAt: new Date(Date.now() - 3 * 24 * 3_600_000) })
        .where(eq(invoicePayments.id, paymentId)),
    );
    yookassa.holdRefunds = true;
    try {
      const url = `/api/platform/invoices/${invoice.id}/payments/${paymentId}/refund`;
      const asked = (await admin.post(url)).json();
      expect(asked.payments[0].refund.status).toBe('pending');
      const refund = [...yookassa.refunds.values()].find((each) => each.payment_id === providerId);
      expect(refund?.status).toBe('pending');

      expect((await ctx.app.paymentPoll?.runOnce())?.checked).toBeGreaterThanOrEqual(1);
      if (refund) refund.status = 'succeeded';
      await ctx.app.paymentPoll?.runOnce();
      const listed = (await admin.get(`/api/platform/invoices?q=${invoice.number}`)).json().invoices[0];
      expect(listed.payments[0].refund.status).toBe('succeeded');
    } finally {
      yookassa.holdRefunds = false;
    }
  });

  it('are refused for a payment that did not succeed, and for another invoice’s payment', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const { paymentId } = (await start(owner, invoice.id)).json();
    const pending = await admin.post(`/api/platform/invoices/${invoice.id}/payments/${paymentId}/refund`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.code).toBe('PAYMENT_NOT_REFUNDABLE');
    const other = await ownerWithInvoice();
    const elsewhere = await admin.post(`/api/platform/invoices/${other.invoice.id}/payments/${paymentId}/refund`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('PAYMENT_NOT_FOUND');
    expect((await owner.post(`/api/platform/invoices/${invoice.id}/payments/${paymentId}/refund`)).statusCode).toBe(
      403,
    );
  });
});

describe('a bank transfer', () => {
  it('shows who marked it paid', async () => {
    const { invoice } = await ownerWithInvoice();
    await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`);
    const listed = (await admin.get(`/api/platform/invoices?q=${invoice.number}`)).json().invoices[0];
    expect(listed).toMatchObject({ status: 'paid', paidVia: 'transfer', paidBy: 'operator@aimax.test', payments: [] });
  });
});

describe('secrets', () => {
  it('never reach the browser: not in the list, the start, or the CSP', async () => {
    const { owner, invoice } = await ownerWithInvoice();
    const answers = [await owner.get('/api/billing/invoices'), await start(owner, invoice.id)];
    for (const answer of answers) expect(answer.body).not.toContain(yookassa.secretKey);
    const page = await ctx.app.inject({ method: 'GET', url: '/admin/billing' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${yookassa.url}`);
    expect(csp).toContain(`frame-src 'self' ${yookassa.url}`);
  });
});

describe('without YooKassa configured', () => {
  let plain: TestContext;
  beforeAll(async () => {
    plain = await createTestApp();
    await configureSeller(plain.db);
  });

  it('offers nothing of online payment, and invoices work as before', async () => {
    const owner = await signUpOwner(plain.app);
    const { invoice } = (await issueInvoiceAs(owner)).json();
    const list = (await owner.get('/api/billing/invoices')).json();
    expect(list.onlinePayment).toBeNull();
    expect(list.invoices[0]).toMatchObject({ status: 'issued', onlinePayment: null, paidVia: null });
    const refused = await owner.post(`/api/billing/invoices/${invoice.id}/online-payment`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('ONLINE_PAYMENT_UNAVAILABLE');
    const notice = await plain.app.inject({
      method: 'POST',
      url: '/api/payments/yookassa/notifications',
      payload: { type: 'notification', event: 'payment.succeeded', object: { id: 'x' } },
    });
    expect(notice.statusCode).toBe(404);
    const page = await plain.app.inject({ method: 'GET', url: '/admin/billing' });
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self';");
    expect(plain.app.paymentPoll).toBeNull();
    const [row] = await plain.db.withTenant(tenantOf(owner), (tx) =>
      tx
        .select()
        .from(invoicePayments)
        .where(and(eq(invoicePayments.invoiceId, invoice.id))),
    );
    expect(row).toBeUndefined();
  });
});
