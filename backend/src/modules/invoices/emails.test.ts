// The invoice's emails as an owner receives them: through the outbox to a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSmtpServer, startFakeSmtpServer } from '../../../test/fakes/smtpServer.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { COMPANY_BUYER, configureSeller, issueInvoiceAs, SELLER } from '../../../test/support/billing.ts';
import { type ApiClient, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

let smtp: FakeSmtpServer;
let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  ctx = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'AI Max <billing@aimax.test>' } });
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
  await configureSeller(ctx.db);
});
afterAll(async () => {
  await smtp.close();
});

describe('billing emails', () => {
  it('sends the invoice with its PDF, then the payment’s confirmation, each once', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Почта Ремонт' });
    const { invoice } = (await issueInvoiceAs(owner, { plan: 'business', termMonths: 1 })).json();

    const [issued] = await smtp.waitFor(1, 20_000);
    expect(issued?.to).toMatchObject({ value: [{ address: COMPANY_BUYER.email }] });
    expect(issued?.from?.value[0]?.address).toBe('billing@aimax.test');
    expect(issued?.subject).toContain(invoice.number);
    expect(issued?.text).toContain('Почта Ремонт');
    const [attachment] = issued?.attachments ?? [];
    expect(attachment?.filename).toBe(`Счёт ${invoice.number}.pdf`);
    expect(attachment?.contentType).toBe('application/pdf');
    const text = await pdfText(attachment?.content as Buffer);
    expect(text).toContain(`Счёт на оплату № ${invoice.number}`);
    expect(text).toContain(SELLER.account);

    await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`);
    await admin.post(`/api/platform/invoices/${invoice.id}/mark-paid`);
    const all = await smtp.waitFor(2, 20_000);
    expect(all[1]?.subject).toMatch(/Бизнес/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(2);
  });
});
