import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import {
  COMPANY_BUYER,
  configureSeller,
  ENTREPRENEUR_BUYER,
  issueInvoiceAs,
  SELLER,
} from '../../../test/support/billing.ts';
import { type ApiClient, addManager, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { queuedEmails } from '../../../test/support/outbox.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { auditLog, invoices, tenants } from '../../db/schema.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  ctx = await createTestApp();
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
  await configureSeller(ctx.db);
});

const tenantOf = (owner: ApiClient) => owner.session.tenant?.id as string;
const fetchPdf = async (url: string) => {
  const { pathname, search } = new URL(url);
  const response = await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` });
  expect(response.statusCode).toBe(200);
  return pdfText(response.rawPayload);
};
const tenantPlan = async (owner: ApiClient) => {
  const tenantId = tenantOf(owner);
  const [row] = await ctx.db.withTenant(tenantId, (tx) =>
    tx.select({ plan: tenants.plan, expiresAt: tenants.planExpiresAt }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row;
};
const emailsOf = (owner: ApiClient, kind: string) => queuedEmails(ctx.db, tenantOf(owner), kind);
/**
 * The end of a term of `months` from `date`: the last millisecond, in Moscow (UTC+3 all year), of
 * the same day `months` later, the day clamped to the month's last.
 */
const termEnd = (date: Date, months: number) => {
  const MSK = 3 * 3_600_000;
  const local = new Date(date.getTime() + MSK);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), Math.min(day, last), 23, 59, 59, 999);
  return new Date(end - MSK);
};

describe('the billing profile', () => {
  it('is empty at first, then saved with its numbers cleaned up', async () => {
    const owner = await signUpOwner(ctx.app);
    expect((await owner.get('/api/billing/profile')).json()).toEqual({ profile: null });
    const saved = await owner.request('PUT', '/api/billing/profile', {
      ...COMPANY_BUYER,
      inn: ' 7707 083893 ',
      email: 'Buh@Remont-Plus.test',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().profile).toMatchObject({ ...COMPANY_BUYER, updatedAt: expect.any(String) });
    expect((await owner.get('/api/billing/profile')).json().profile.inn).toBe('7707083893');
  });

  it('keeps no КПП for an entrepreneur', async () => {
    const owner = await signUpOwner(ctx.app);
    const saved = await owner.request('PUT', '/api/billing/profile', { ...ENTREPRENEUR_BUYER, kpp: '773601001' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().profile).toMatchObject({ legalForm: 'entrepreneur', kpp: null, inn: '771234567859' });
  });

  it('explains each wrong number in Russian and saves nothing', async () => {
    const owner = await signUpOwner(ctx.app);
    const response = await owner.request('PUT', '/api/billing/profile', {
      ...COMPANY_BUYER,
      inn: '7707083894',
      kpp: '77360',
      ogrn: '1027700132196',
    });
    expect(response.statusCode).toBe(400);
    const { fields } = response.json().error;
    expect(Object.keys(fields).sort()).toEqual(['inn', 'kpp', 'ogrn']);
    expect(fields.inn).toMatch(/ИНН/);
    expect(fields.kpp).toMatch(/КПП/);
    expect(fields.ogrn).toMatch(/ОГРН/);
    const twelve = await owner.request('PUT', '/api/billing/profile', { ...COMPANY_BUYER, inn: '771234567859' });
    expect(twelve.json().error.fields.inn).toMatch(/10 цифр/);
    const blank = await owner.request('PUT', '/api/billing/profile', { ...COMPANY_BUYER, legalAddress: '   ' });
    expect(blank.json().error.fields).toEqual({ legalAddress: 'Укажите юридический адрес (до 500 символов)' });
    expect((await owner.get('/api/billing/profile')).json()).toEqual({ profile: null });
  });

  it('is the owner’s', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    expect((await manager.get('/api/billing/profile')).statusCode).toBe(403);
    expect((await manager.request('PUT', '/api/billing/profile', COMPANY_BUYER)).statusCode).toBe(403);
  });
});

describe('issuing an invoice', () => {
  it('gives the next number, the amount with the term’s discount, a PDF, and an email with it', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Ремонт Плюс' });
    const response = await issueInvoiceAs(owner, { plan: 'business', termMonths: 3 });
    expect(response.statusCode).toBe(201);
    const { invoice, pdf } = response.json();
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Moscow', year: 'numeric' }).format(new Date());
    expect(invoice).toMatchObject({
      number: expect.stringMatching(new RegExp(`^${year}-\\d{6}$`)),
      plan: 'business',
      planName: 'Бизнес',
      termMonths: 3,
      discountPercent: 5,
      // 7 990 ₽ × 3 months, 5 % off: 22 771,50 ₽, rounded to the rouble.
      amountKopecks: 2_277_200,
      vatRate: null,
      vatKopecks: 0,
      status: 'issued',
      paidAt: null,
    });
    expect(new Date(invoice.dueAt).getTime() - new Date(invoice.issuedAt).getTime()).toBe(5 * 86_400_000);

    const text = await fetchPdf(pdf.url);
    expect(text).toContain(`Счёт на оплату № ${invoice.number}`);
    expect(text).toContain(SELLER.inn);
    expect(text).toContain(COMPANY_BUYER.inn);
    expect(text).toContain('Двадцать две тысячи семьсот семьдесят два рубля 00 копеек');
    expect(text).toContain('Без налога (НДС)');

    const [email] = await emailsOf(owner, 'invoice_issued');
    expect(email).toMatchObject({
      to: [COMPANY_BUYER.email],
      subject: expect.stringContaining(invoice.number),
      attachments: [{ invoiceId: invoice.id }],
    });
    expect(email?.html).toContain('Ремонт Плюс');

    const history = (await owner.get('/api/billing/invoices')).json().invoices;
    expect(history).toEqual([invoice]);
    // The invoice is the platform's document: it takes none of the company's storage.
    const storage = (await owner.get('/api/billing'))
      .json()
      .usage.find((item: { resource: string }) => item.resource === 'storageBytes');
    expect(storage.used).toBe(0);
    const again = await owner.post(`/api/billing/invoices/${invoice.id}/pdf`);
    expect(again.statusCode).toBe(200);
    expect(await fetchPdf(again.json().url)).toContain(invoice.number);
  });

  it('shows the VAT the seller charges, at the rate of the day it was issued', async () => {
    await configureSeller(ctx.db, { ...SELLER, vatRate: 22 });
    try {
      const owner = await signUpOwner(ctx.app);
      const { invoice, pdf } = (await issueInvoiceAs(owner, { plan: 'start', termMonths: 1 })).json();
      // 2 990 ₽ including 22 % VAT: 2 990 × 22 / 122 = 539,18 ₽.
      expect(invoice).toMatchObject({ amountKopecks: 299_000, vatRate: 22, vatKopecks: 53_918 });
      const text = await fetchPdf(pdf.url);
      expect(text).toMatch(/НДС 22\s?%/);
      expect(text).toContain('539,18');
    } finally {
      await configureSeller(ctx.db);
    }
  });

  it('asks for the requisites first, and for a paid plan and a known term', async () => {
    const owner = await signUpOwner(ctx.app);
    const early = await owner.post('/api/billing/invoices', { plan: 'start', termMonths: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('BILLING_PROFILE_REQUIRED');
    await owner.request('PUT', '/api/billing/profile', COMPANY_BUYER);
    const free = await owner.post('/api/billing/invoices', { plan: 'free', termMonths: 1 });
    expect(free.statusCode).toBe(400);
    expect(free.json().error.fields.plan).toMatch(/платный тариф/);
    const twoMonths = await owner.post('/api/billing/invoices', { plan: 'start', termMonths: 2 });
    expect(twoMonths.json().error.fields.termMonths).toBe('Срок: 1, 3, 6 или 12 месяцев');
    expect((await owner.get('/api/billing/invoices')).json().invoices).toEqual([]);
  });

  it('numbers invoices issued at once without gaps or repeats', async () => {
    const owners = await Promise.all([signUpOwner(ctx.app), signUpOwner(ctx.app)]);
    for (const owner of owners) await owner.request('PUT', '/api/billing/profile', COMPANY_BUYER);
    const before = await ctx.db.withPlatform({ actorUserId: null, action: 'test.invoices' }, (tx) =>
      tx.select({ seq: invoices.seq }).from(invoices),
    );
    const issued = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (owners[i % 2] as ApiClient).post('/api/billing/invoices', { plan: 'start', termMonths: 1 }),
      ),
    );
    expect(issued.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const seqs = issued.map((r) => Number(r.json().invoice.number.split('-')[1])).sort((x, y) => x - y);
    const last = Math.max(0, ...before.map((row) => row.seq));
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => last + i + 1));
  });

  it('is the owner’s: a manager cannot issue one', async () => {
    const owner = await signUpOwner(ctx.app);
    const manager = await addManager(ctx.app, owner);
    await owner.request('PUT', '/api/billing/profile', COMPANY_BUYER);
    const response = await manager.post('/api/billing/invoices', { plan: 'start', termMonths: 1 });
    expect(response.statusCode).toBe(403);
    expect((await manager.get('/api/billing/invoices')).statusCode).toBe(403);
    expect((await owner.get('/api/billing/invoices')).json().invoices).toEqual([]);
  });
});

describe('marking an invoice paid', () => {
  it('puts the plan in force for the term, tells the owner, and is in the audit log', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner, { plan: 'business', termMonths: 3 })).json();
    const before = Date.now();
    const paid = await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`);
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ id: invoice.id, status: 'paid', paidAt: expect.any(String) });
    const plan = await tenantPlan(owner);
    expect(plan?.plan).toBe('business');
    const expected = termEnd(new Date(paid.json().periodStart), 3);
    expect(plan?.expiresAt?.toISOString()).toBe(expected.toISOString());
    expect(new Date(paid.json().periodStart).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(paid.json().periodEnd).toBe(plan?.expiresAt?.toISOString());

    const billing = (await owner.get('/api/billing')).json();
    expect(billing.plan.id).toBe('business');
    expect(billing.purchased.expiresAt).toBe(plan?.expiresAt?.toISOString());
    expect((await owner.get('/api/billing/invoices')).json().invoices[0].status).toBe('paid');
    const [email] = await emailsOf(owner, 'payment_received');
    expect(email?.to).toEqual([COMPANY_BUYER.email]);
    const audit = await ctx.db.withPlatform({ actorUserId: null, action: 'test.audit' }, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'platform.invoice_paid')),
    );
    expect(audit.some((entry) => (entry.details as { invoiceId: string }).invoiceId === invoice.id)).toBe(true);
  });

  it('pays once under a double click or two superadmins at once', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner, { plan: 'start', termMonths: 1 })).json();
    const clicks = await Promise.all(
      Array.from({ length: 5 }, () => admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`)),
    );
    expect(clicks.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(clicks.map((r) => r.json().periodEnd)).size).toBe(1);
    const plan = await tenantPlan(owner);
    expect(plan?.expiresAt?.toISOString()).toBe(clicks[0]?.json().periodEnd);
    expect(await emailsOf(owner, 'payment_received')).toHaveLength(1);
  });

  it('extends a renewal from the current end, and starts another plan now', async () => {
    const owner = await signUpOwner(ctx.app);
    const first = (await issueInvoiceAs(owner, { plan: 'start', termMonths: 1 })).json().invoice;
    const firstEnd = new Date((await admin.post(`/api/platform/invoices/${first.id}/mark-paid`)).json().periodEnd);
    const renewal = (await owner.post('/api/billing/invoices', { plan: 'start', termMonths: 3 })).json().invoice;
    const renewed = (await admin.post(`/api/platform/invoices/${renewal.id}/mark-paid`)).json();
    expect(renewed.periodStart).toBe(firstEnd.toISOString());
    expect((await tenantPlan(owner))?.expiresAt?.toISOString()).toBe(renewed.periodEnd);

    const upgrade = (await owner.post('/api/billing/invoices', { plan: 'enterprise', termMonths: 1 })).json().invoice;
    const upgraded = (await admin.post(`/api/platform/invoices/${upgrade.id}/mark-paid`)).json();
    expect(new Date(upgraded.periodStart).getTime()).toBeLessThan(firstEnd.getTime());
    expect(await tenantPlan(owner)).toMatchObject({ plan: 'enterprise', expiresAt: new Date(upgraded.periodEnd) });
  });

  it('keeps what was bought when it is paid, whatever the invoice’s plan costs by then', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner, { plan: 'start', termMonths: 6 })).json();
    const paid = (await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`)).json();
    expect(paid).toMatchObject({ amountKopecks: invoice.amountKopecks, planName: 'Старт', termMonths: 6 });
  });

  it('cannot pay a cancelled invoice nor cancel a paid one; a cancellation needs its reason', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner)).json();
    const noReason = await admin.post(`/api/platform/invoices/${invoice.id}/cancel`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toMatch(/причину/);
    const cancelled = await admin.post(`/api/platform/invoices/${invoice.id}/cancel`, {
      reason: 'Выставлен по ошибке',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Выставлен по ошибке' });
    const pay = await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`);
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.code).toBe('INVOICE_CANCELLED');
    expect((await tenantPlan(owner))?.plan).toBe('free');

    const other = (await owner.post('/api/billing/invoices', { plan: 'start', termMonths: 1 })).json().invoice;
    await admin.post(`/api/platform/invoices/${other.id}/mark-paid`);
    const late = await admin.post(`/api/platform/invoices/${other.id}/cancel`, { reason: 'Передумали' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('INVOICE_PAID');
  });

  it('is for the superadmin only, and knows no unknown invoice', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner)).json();
    expect((await owner.post(`/api/platform/invoices/${invoice.id}/mark-paid`)).statusCode).toBe(403);
    expect((await tenantPlan(owner))?.plan).toBe('free');
    const unknown = await admin.post('/api/platform/invoices/00000000-0000-4000-8000-000000000000/mark-paid');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('INVOICE_NOT_FOUND');
  });
});

describe('the superadmin’s invoices list', () => {
  it('filters by status, company, period, number and ИНН', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Фильтры Строй' });
    const entrepreneur = await signUpOwner(ctx.app);
    const first = (await issueInvoiceAs(owner)).json().invoice;
    const second = (await issueInvoiceAs(entrepreneur, { profile: ENTREPRENEUR_BUYER })).json().invoice;
    await admin.post(`/api/platform/invoices/${first.id}/mark-paid`);

    const list = async (query: string) => (await admin.get(`/api/platform/invoices?${query}`)).json();
    const byTenant = await list(`tenantId=${tenantOf(owner)}`);
    expect(byTenant).toMatchObject({
      total: 1,
      invoices: [{ id: first.id, tenantName: 'Фильтры Строй', status: 'paid' }],
    });
    expect((await list(`q=${second.number}`)).invoices.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect((await list(`q=${ENTREPRENEUR_BUYER.inn}`)).invoices.map((i: { id: string }) => i.id)).toContain(second.id);
    expect((await list(`status=paid&tenantId=${tenantOf(entrepreneur)}`)).total).toBe(0);
    expect((await list(`status=issued&tenantId=${tenantOf(entrepreneur)}`)).total).toBe(1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect((await list(`from=${today}&to=${today}&tenantId=${tenantOf(owner)}`)).total).toBe(1);
    expect((await list(`to=2020-01-01&tenantId=${tenantOf(owner)}`)).total).toBe(0);
    expect((await admin.get('/api/platform/invoices?status=lost')).statusCode).toBe(400);
    expect((await owner.get('/api/platform/invoices')).statusCode).toBe(403);
  });

  it('shows an invoice past its due date as overdue', async () => {
    const owner = await signUpOwner(ctx.app);
    const { invoice } = (await issueInvoiceAs(owner)).json();
    const tenantId = tenantOf(owner);
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .update(invoices)
        .set({ dueAt: new Date(Date.now() - 1000) })
        .where(eq(invoices.id, invoice.id)),
    );
    expect((await owner.get('/api/billing/invoices')).json().invoices[0].status).toBe('overdue');
    expect((await admin.get(`/api/platform/invoices?status=overdue&tenantId=${tenantId}`)).json().total).toBe(1);
  });
});

describe('the seller’s requisites', () => {
  it('are set by the superadmin, with the accounts checked against the БИК', async () => {
    const current = await admin.get('/api/platform/settings/seller');
    expect(current.json().seller).toMatchObject({ inn: SELLER.inn, bik: SELLER.bik });
    const wrong = await admin.request('PUT', '/api/platform/settings/seller', {
      ...SELLER,
      account: '40702810038000012345',
      correspondentAccount: '30101810400000000226',
    });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['account', 'correspondentAccount']);
    const saved = await admin.request('PUT', '/api/platform/settings/seller', { ...SELLER, dueDays: 7 });
    expect(saved.json().seller.dueDays).toBe(7);
    await configureSeller(ctx.db);
    const owner = await signUpOwner(ctx.app);
    expect((await owner.get('/api/platform/settings/seller')).statusCode).toBe(403);
  });

  it('must be set before anyone can be invoiced', async () => {
    const bare = await createTestApp();
    const owner = await signUpOwner(bare.app);
    const response = await issueInvoiceAs(owner);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('SELLER_NOT_CONFIGURED');
  });
});
