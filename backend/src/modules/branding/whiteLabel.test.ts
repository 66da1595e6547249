// White-label: «Работает на AI Max» under the widget and «Смета сформирована в AI Max» on the
// estimate follow the plan in force, with nothing for the owner to do when it changes.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, logInAs, STRONG_PASSWORD, signUpOwner } from '../../../test/support/clients.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { widgetKeyOf } from '../../../test/support/widget.ts';
import { tenants } from '../../db/schema.ts';
import { POWERED_BY } from '../pdf/templates/estimate.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

let ctx: TestContext;
let admin: ApiClient;
beforeAll(async () => {
  ctx = await createTestApp();
  await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
  admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
});

/** What the company's visitors and owner see of AI Max: the widget, the estimate, the branding page. */
async function badges(owner: ApiClient, key: string) {
  const config = (await ctx.app.inject({ method: 'GET', url: `/api/widget/config?key=${key}` })).json();
  const preview = await owner.post('/api/branding/estimate-preview');
  expect(preview.statusCode, preview.body).toBe(200);
  const { pathname, search } = new URL(preview.json().url);
  const pdf = await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` });
  const branding = (await owner.get('/api/branding')).json();
  return {
    widget: config.poweredBy as boolean,
    estimate: (await pdfText(pdf.rawPayload)).includes(POWERED_BY),
    page: branding.poweredBy as boolean,
    removedOn: branding.whiteLabelPlan as string,
  };
}

describe('white-label', () => {
  it('drops AI Max from the widget and the estimate on Enterprise, and brings it back on any other plan', async () => {
    const owner = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const key = await widgetKeyOf(ctx, owner);
    const shown = { widget: true, estimate: true, page: true, removedOn: 'Enterprise' };
    const hidden = { widget: false, estimate: false, page: false, removedOn: 'Enterprise' };
    expect(await badges(owner, key)).toEqual(shown);

    const paidThrough = `${new Date().getFullYear() + 1}-12-31`;
    const plan = (id: string) => admin.post(`/api/platform/tenants/${tenantId}/plan`, { plan: id, paidThrough });
    expect((await plan('enterprise')).statusCode).toBe(200);
    expect(await badges(owner, key)).toEqual(hidden);
    expect((await plan('business')).statusCode).toBe(200);
    expect(await badges(owner, key)).toEqual(shown);

    // An Enterprise term that has run out counts as Free: the badge is back before anyone acts.
    expect((await plan('enterprise')).statusCode).toBe(200);
    await ctx.db.withPlatform({ actorUserId: null, action: 'test.expire_plan' }, (tx) =>
      tx
        .update(tenants)
        .set({ planExpiresAt: new Date(Date.now() - 60_000) })
        .where(eq(tenants.id, tenantId)),
    );
    expect(await badges(owner, key)).toEqual(shown);
  });
});
