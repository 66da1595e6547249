// Row Level Security, checked against the live catalog and data rather than against our code:
// every tenant-owned table (a `tenant_id` column, plus `tenants` itself) must have RLS enabled and
// FORCED with a tenant policy, and must show a tenant's role nothing of any other tenant, and
// nothing at all without a tenant. Platform-only tables must be closed to the tenant role.

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { amocrmConnections, invoicePayments } from '../../src/db/schema.ts';
import { DEFAULT_FUNNEL } from '../../src/modules/funnel/funnel.ts';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../fakes/telegramBotApi.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { configureSeller, issueInvoiceAs, putOnPlan } from '../support/billing.ts';
import { type ApiClient, signUpOwner } from '../support/clients.ts';
import { pngImage } from '../support/images.ts';
import { completeFunnel, visitor, widgetKeyOf } from '../support/widget.ts';

interface TableInfo {
  table: string;
  tenantColumn: string;
  rls: boolean;
  forced: boolean;
}

describe('row level security', () => {
  let telegram: FakeTelegramBotApi;
  let ctx: TestContext;
  let a: ApiClient;
  let b: ApiClient;
  let tenantTables: TableInfo[];
  let platformTables: string[];

  /** The owner connects a bot and links their own chat with it. */
  async function linkTelegram(owner: ApiClient) {
    const bot = telegram.createBot();
    expect((await owner.request('PUT', '/api/integrations/telegram', { token: bot.token })).statusCode).toBe(200);
    const code = new URL((await owner.post('/api/account/telegram/link')).json().url).searchParams.get('start');
    const user = telegram.createUser({ firstName: 'Владелец' });
    telegram.userStarts(bot, user, code ?? '');
    // Setup runs outside a test, where expect.poll cannot: wait for the bot to answer the link.
    for (let tries = 0; telegram.sentTo(bot, user.id).length === 0; tries += 1) {
      if (tries > 1000) throw new Error('the bot never answered the link');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  beforeAll(async () => {
    telegram = await startFakeTelegramBotApi();
    ctx = await createTestApp({ env: { TELEGRAM_API_URL: telegram.url, WEBHOOK_TIMEOUT_MS: '1000' } });
    // Give both tenants a row in every tenant-owned table, through the product itself.
    a = await signUpOwner(ctx.app);
    b = await signUpOwner(ctx.app);
    const logo = await pngImage(200, 100);
    await configureSeller(ctx.db);
    for (const owner of [a, b]) {
      await linkTelegram(owner);
      const issued = await issueInvoiceAs(owner);
      expect(issued.statusCode).toBe(201);
      // An online payment as its start leaves it (payments.test.ts goes through YooKassa's fake).
      const invoice = issued.json().invoice;
      await ctx.db.withTenant(owner.session.tenant?.id as string, (tx) =>
        tx.insert(invoicePayments).values({
          tenantId: owner.session.tenant?.id as string,
          invoiceId: invoice.id,
          idempotenceKey: randomUUID(),
          amountKopecks: invoice.amountKopecks,
        }),
      );
      expect((await owner.post('/api/team/invites', { role: 'manager' })).statusCode).toBe(201);
      expect((await owner.upload('/api/branding/logo', logo, 'logo.png', 'image/png')).statusCode).toBe(200);
      expect(
        (await owner.request('PUT', '/api/funnel', { config: DEFAULT_FUNNEL, baseVersion: null })).statusCode,
      ).toBe(200);
      const session = await completeFunnel(visitor(ctx.app, await widgetKeyOf(ctx, owner)));
      expect((await owner.post(`/api/dialogs/${session.sessionId}/take`, {})).statusCode).toBe(200);
      const [lead] = (await owner.get('/api/leads')).json().leads;
      expect((await owner.post(`/api/leads/${lead.id}/notes`, { text: 'Перезвонить' })).statusCode).toBe(201);
      // A code not yet used, beside the chat linked above.
      expect((await owner.post('/api/account/telegram/link')).statusCode).toBe(201);
      await putOnPlan(ctx.db, owner.session.tenant?.id as string, 'business');
      const domain = `chat.${owner === a ? 'a' : 'b'}-kompaniya.ru`;
      expect((await owner.request('PUT', '/api/domain', { hostname: domain })).statusCode).toBe(200);
      expect(
        (await owner.request('PUT', '/api/integrations/webhook', { url: 'https://8.8.8.8/hook' })).statusCode,
      ).toBe(200);
      // An amoCRM connection as the OAuth callback leaves it (integrations.test.ts goes through it).
      await ctx.db.withTenant(owner.session.tenant?.id as string, (tx) =>
        tx.insert(amocrmConnections).values({
          tenantId: owner.session.tenant?.id as string,
          subdomain: owner === a ? 'a-kompaniya' : 'b-kompaniya',
          accessTokenSealed: 'v1.sealed',
          refreshTokenSealed: 'v1.sealed',
          accessExpiresAt: new Date(),
          settings: {},
        }),
      );
    }
    // The lead alerts go out, and the bot remembers which dialog each is about.
    await ctx.app.outbox.runOnce();
    // Knowledge: indexed chunks (and vectors where pgvector is), a match, and a job still queued.
    await ctx.app.indexer.stop();
    for (const owner of [a, b]) {
      // A word of A's alone, for the vocabulary's search below.
      const extra = owner === a ? ', гидроизоляция' : '';
      const body = { title: 'Цены', body: `Ремонт ванной комнаты под ключ${extra} — от 150 000 ₽.` };
      expect((await owner.post('/api/knowledge/documents', body)).statusCode).toBe(201);
    }
    await ctx.app.indexer.runOnce();
    for (const owner of [a, b]) {
      expect((await owner.post('/api/knowledge/check', { question: 'ремонт ванной' })).statusCode).toBe(200);
      expect(
        (await owner.post('/api/knowledge/documents', { title: 'Ещё', body: 'Гарантия 3 года.' })).statusCode,
      ).toBe(201);
    }

    const catalog = await ctx.db.withPlatform({ actorUserId: null, action: 'test.catalog' }, (tx) =>
      queryRows<TableInfo & { hasTenantId: boolean }>(
        tx,
        sql`select c.relname as "table", c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              exists (select 1 from information_schema.columns col
                      where col.table_schema = 'public' and col.table_name = c.relname
                        and col.column_name = 'tenant_id') as "hasTenantId"
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      ),
    );
    tenantTables = catalog
      .filter((t) => t.hasTenantId || t.table === 'tenants')
      .map((t) => ({ ...t, tenantColumn: t.table === 'tenants' ? 'id' : 'tenant_id' }));
    platformTables = catalog.filter((t) => !t.hasTenantId && t.table !== 'tenants').map((t) => t.table);
  });

  afterAll(async () => {
    await telegram.close();
  });

  it('finds the tables it checks', () => {
    expect(tenantTables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'billing_profiles',
        'chat_sessions',
        'dialog_events',
        'files',
        'funnel_daily',
        'funnel_events',
        'invites',
        'invoices',
        'invoice_payments',
        'kb_chunks',
        'kb_entries',
        'kb_jobs',
        'kb_lexemes',
        'kb_matches',
        'lead_events',
        'leads',
        'messages',
        'deliveries',
        'sessions',
        'tenant_bot_settings',
        'telegram_alerts',
        'telegram_bots',
        'telegram_chats',
        'telegram_link_codes',
        'tenant_domains',
        'amocrm_connections',
        'webhook_endpoints',
        'tenants',
        'users',
      ]),
    );
    expect(platformTables).toEqual(expect.arrayContaining(['auth_throttle', 'invoice_counters', 'platform_settings']));
  });

  it('enables and forces RLS with a tenant policy on every tenant-owned table', async () => {
    const policies = await ctx.db.withPlatform({ actorUserId: null, action: 'test.catalog' }, (tx) =>
      queryRows<{ table: string; roles: string; qual: string; check: string }>(
        tx,
        sql`select tablename as "table", roles::text as roles, qual, with_check as "check"
            from pg_policies where schemaname = 'public'`,
      ),
    );
    for (const table of tenantTables) {
      expect({ table: table.table, rls: table.rls, forced: table.forced }).toEqual({
        table: table.table,
        rls: true,
        forced: true,
      });
      const tenantPolicy = policies.find((p) => p.table === table.table && p.roles.includes('aimax_tenant'));
      expect(tenantPolicy?.qual, `${table.table} has no aimax_tenant policy`).toContain('app_tenant_id()');
      expect(tenantPolicy?.check).toContain('app_tenant_id()');
    }
  });

  it('gives the tenant role no privileges on platform-only tables', async () => {
    const privileges = await ctx.db.withPlatform({ actorUserId: null, action: 'test.catalog' }, (tx) =>
      queryRows<{ table: string; granted: boolean }>(
        tx,
        sql`select t as "table",
              has_table_privilege('aimax_tenant', t, 'select, insert, update, delete') as granted
            from unnest(${sql.raw(`array[${platformTables.map((t) => `'${t}'`).join(',')}]`)}::text[]) as t`,
      ),
    );
    expect(privileges.filter((p) => p.granted)).toEqual([]);
  });

  it('has rows of both tenants in every tenant-owned table, so the checks below mean something', async () => {
    for (const { table, tenantColumn } of tenantTables) {
      const [counts] = await ctx.db.withPlatform({ actorUserId: null, action: 'test.count' }, (tx) =>
        queryRows<{ a: number; b: number }>(
          tx,
          sql`select count(*) filter (where ${sql.identifier(tenantColumn)} = ${a.session.tenant?.id})::int as a,
                     count(*) filter (where ${sql.identifier(tenantColumn)} = ${b.session.tenant?.id})::int as b
              from ${sql.identifier(table)}`,
        ),
      );
      expect(counts, `seed ${table} for both tenants in this test`).toEqual({
        a: expect.any(Number),
        b: expect.any(Number),
      });
      expect(counts?.a, table).toBeGreaterThan(0);
      expect(counts?.b, table).toBeGreaterThan(0);
    }
  });

  it('shows a tenant only its own rows, whatever the query asks for', async () => {
    const tenantB = b.session.tenant?.id as string;
    for (const { table, tenantColumn } of tenantTables) {
      const [seen] = await ctx.db.withTenant(tenantB, (tx) =>
        queryRows<{ own: number; foreign: number }>(
          tx,
          sql`select count(*) filter (where ${sql.identifier(tenantColumn)} = ${tenantB})::int as own,
                     count(*) filter (where ${sql.identifier(tenantColumn)} is distinct from ${tenantB})::int as foreign
              from ${sql.identifier(table)}`,
        ),
      );
      expect({ table, foreign: seen?.foreign }).toEqual({ table, foreign: 0 });
      expect(seen?.own, table).toBeGreaterThan(0);
    }
  });

  it('shows nothing to the tenant role when no tenant is set', async () => {
    for (const { table } of tenantTables) {
      const [seen] = await ctx.db.withIdentity(async (tx) => {
        await tx.execute(sql`select set_config('role', 'aimax_tenant', true)`);
        return queryRows<{ count: number }>(tx, sql`select count(*)::int as count from ${sql.identifier(table)}`);
      });
      expect({ table, count: seen?.count }).toEqual({ table, count: 0 });
    }
  });

  it('runs as another role only the functions that are meant to, each filtering by the transaction’s tenant', async () => {
    const definers = await ctx.db.withPlatform({ actorUserId: null, action: 'test.catalog' }, (tx) =>
      queryRows<{ name: string }>(
        tx,
        sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and p.prosecdef order by 1`,
      ),
    );
    expect(definers.map((row) => row.name)).toEqual([
      'kb_analyze',
      'kb_lexeme_corrections',
      'kb_prepare_model',
      'kb_text_candidates',
      'next_invoice_seq',
      'seller_requisites',
      'support_contact',
    ]);

    // The search functions run as aimax_platform, past the knowledge tables' policies (migrations
    // 0026 and 0027).
    const tenantA = a.session.tenant?.id as string;
    const tenantB = b.session.tenant?.id as string;
    type Tx = Parameters<Parameters<typeof ctx.db.withTenant>[1]>[0];
    const chunksFound = (tx: Tx) =>
      queryRows<{ tenant: string | null }>(
        tx,
        sql`select (select tenant_id from kb_chunks where id = found.id) as tenant
            from (select kb_text_candidates(to_tsquery('russian', 'ремонт | гарантия'), 'passage', 100, '{}') as id) as found`,
      );
    const corrections = (tx: Tx) =>
      queryRows<{ word: string; lexeme: string }>(
        tx,
        sql`select word, lexeme from kb_lexeme_corrections('{гидроизаляция,ремонд}', 5)`,
      );
    const found = await ctx.db.withTenant(tenantB, chunksFound);
    expect(found.length).toBeGreaterThan(0);
    // Read back under B's policy: a chunk of A's would come back without its tenant.
    expect(found.every((row) => row.tenant === tenantB)).toBe(true);
    // «гидроизоляция» is A's word alone: B's typo of it finds nothing, A's finds it.
    expect(await ctx.db.withTenant(tenantB, corrections)).toEqual([{ word: 'ремонд', lexeme: 'ремонт' }]);
    expect((await ctx.db.withTenant(tenantA, corrections)).map((row) => row.word)).toEqual(['гидроизаляция', 'ремонд']);
    const withoutTenant = await ctx.db.withIdentity(async (tx) => {
      await tx.execute(sql`select set_config('role', 'aimax_tenant', true)`);
      return [...(await chunksFound(tx)), ...(await corrections(tx))];
    });
    expect(withoutTenant).toEqual([]);
  });

  it("refuses to move a row into another tenant's hands", async () => {
    const tenantA = a.session.tenant?.id as string;
    const tenantB = b.session.tenant?.id as string;
    for (const { table, tenantColumn } of tenantTables) {
      const attempt = ctx.db.withTenant(tenantB, (tx) =>
        tx.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(tenantColumn)} = ${tenantA}`),
      );
      const error = await attempt.then(
        () => null,
        (failure: Error) => failure,
      );
      // Refused by the policy, or before it for a table the company may only add to (funnel_versions).
      expect({ table, error: String(error?.cause ?? error) }).toEqual({
        table,
        error: expect.stringMatching(/row-level security|permission denied/),
      });
    }
  });
});
