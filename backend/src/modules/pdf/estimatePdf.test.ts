import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { signUpOwner } from '../../../test/support/clients.ts';
import { pngImage } from '../../../test/support/images.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { files } from '../../db/schema.ts';
import { createEstimatePdf, estimateCompanyOf, sampleEstimate } from './estimatePdf.ts';
import { formatRubles } from './templates/estimate.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const quiet = { error() {} };
const fetchLink = (url: string) => {
  const { pathname, search } = new URL(url);
  return ctx.app.inject({ method: 'GET', url: `${pathname}${search}` });
};

describe('estimate PDFs', () => {
  it('carry the company, its contacts, the answers, the lines and the total, stored privately', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Регистрационное имя' });
    const tenantId = owner.session.tenant?.id as string;
    await owner.request('PUT', '/api/branding', {
      companyName: 'Ремонт Профи',
      primaryColor: '#0f766e',
      accentColor: '#f97316',
      welcomeTitle: 'Привет',
      welcomeText: '',
      contacts: { phone: '+7 (495) 123-45-67', email: 'hello@remont.ru', address: 'Москва', website: 'remont.ru' },
    });
    await owner.upload('/api/branding/logo', await pngImage(600, 200), 'logo.png', 'image/png');

    const company = await estimateCompanyOf(ctx, tenantId);
    expect(company.logoDataUrl).toMatch(/^data:image\/webp;base64,/);
    const document = { ...sampleEstimate(company), number: '2026-0042' };
    const link = await createEstimatePdf(
      { ...ctx, log: quiet, signedUrlTtlSeconds: 300 },
      { tenantId, document, createdBy: owner.session.user.id },
    );
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);

    const response = await fetchLink(link.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    for (const expected of [
      'Ремонт Профи',
      '+7 (495) 123-45-67',
      'hello@remont.ru',
      'Смета на ремонт № 2026-0042',
      'Капитальный',
      // A person's phone, not E.164; each step by its short name.
      'Телефон: +7 900 123-45-67',
      'Тип объекта Вторичное жильё',
      'Дизайн-проект Да, нужен',
      `Итого ${formatRubles(document.total).replace(/\s/g, ' ')}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Регистрационное имя');

    const [row] = await ctx.db.withTenant(tenantId, (tx) => tx.select().from(files).where(eq(files.id, link.fileId)));
    expect(row).toMatchObject({ kind: 'estimate', visibility: 'private', contentType: 'application/pdf' });
    expect((await ctx.app.inject({ method: 'GET', url: `/files/public/${row?.key}` })).statusCode).toBe(404);
  });

  it('show the company a sample priced by its funnel: the chosen design project has its line, and the lines add up', () => {
    const sample = sampleEstimate({
      name: 'Ремонт',
      logoDataUrl: null,
      primaryColor: '#111111',
      accentColor: '#222222',
      phone: null,
      email: null,
      address: null,
      website: null,
      poweredBy: true,
    });
    expect(sample.answers).toContainEqual({ question: 'Дизайн-проект', answer: 'Да, нужен' });
    expect(sample.lines.map((line) => line.title)).toContain('Дизайн-проект');
    expect(sample.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(sample.total);
  });

  it('escape what visitors and companies typed', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const company = await estimateCompanyOf(ctx, tenantId);
    const document = {
      ...sampleEstimate({ ...company, name: '<b>Злой</b> & "Ко"' }),
      customer: { name: '<img src=x onerror=alert(1)>Иван', phone: '<script>1</script>' },
    };
    const link = await createEstimatePdf(
      { ...ctx, log: quiet, signedUrlTtlSeconds: 300 },
      { tenantId, document, createdBy: null },
    );
    const text = await pdfText((await fetchLink(link.url)).rawPayload);
    expect(text).toContain('<b>Злой</b> & "Ко"');
    expect(text).toContain('<img src=x onerror=alert(1)>Иван');
    expect(text).toContain('<script>1</script>');
  });

  it('keep one preview per company: a new preview replaces the old one', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const first = await owner.post('/api/branding/estimate-preview');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      url: expect.stringContaining('/files/private/tenants/'),
      expiresAt: expect.any(String),
    });
    const second = (await owner.post('/api/branding/estimate-preview')).json();

    const previews = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(files)
        .where(and(eq(files.tenantId, tenantId), eq(files.kind, 'estimate-preview'))),
    );
    expect(previews).toHaveLength(1);
    expect((await fetchLink(first.json().url)).statusCode).toBe(404);
    const text = await pdfText((await fetchLink(second.url)).rawPayload);
    expect(text).toContain('Смета на ремонт № ОБРАЗЕЦ');
  });
});
