// Two instances of the app on one PostgreSQL: the visitor's stream on instance B, the manager on
// instance A, everything between them through LISTEN/NOTIFY. On the embedded database there is one
// process and nothing to share, so these run in the PostgreSQL pass only.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestApp, testConfig } from '../../../test/support/app.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { StreamedEvent } from '../../../test/support/sse.ts';
import { readEvents, visitor, type WidgetSession } from '../../../test/support/widget.ts';
import { buildApp } from '../../app.ts';
import { type Database, queryRows } from '../../db/database.ts';
import { tenants } from '../../db/schema.ts';
import { CHAT_CHANNEL } from './sharedEvents.ts';

const onPostgres = process.env.DATABASE_URL !== undefined;

describe.runIf(onPostgres)('chat events across instances', () => {
  let db: Database;
  let a: TestApp;
  let b: TestApp;
  let urlOfB: string;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const start = async () => {
      const config = testConfig();
      const services = await createTestServices(config);
      const app = await buildApp({ config, db, ...services });
      await app.ready();
      closers.push(async () => {
        await app.close();
        await services.pdf.close();
      });
      return app;
    };
    a = await start();
    b = await start();
    urlOfB = await b.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    for (const close of closers) await close();
    await db.close();
  });

  async function dialogOnB(): Promise<{ owner: ApiClient; key: string; session: WidgetSession }> {
    const owner = await signUpOwner(a);
    const tenantId = owner.session.tenant?.id as string;
    const [row] = await db.withTenant(tenantId, (tx) => tx.select({ key: tenants.widgetKey }).from(tenants));
    const key = row?.key as string;
    const session = (await visitor(b, key).start()).json<WidgetSession>();
    return { owner, key, session };
  }

  const contents = (events: StreamedEvent[]) =>
    events.filter((e) => e.event === 'message').map((e) => (e.data as { content: string }).content);

  it('carries a takeover and the manager’s messages from A to the visitor on B, long ones included', async () => {
    const { owner, key, session } = await dialogOnB();
    // 4000 characters, the most a manager may write: in Cyrillic, more than NOTIFY carries.
    const long = `Смета-${'ремонт'.repeat(700)}`.slice(0, 4000);
    expect(Buffer.byteLength(long)).toBeGreaterThan(7900);
    const events = await readEvents(urlOfB, {
      key,
      session,
      lastEventId: 2,
      onOpen: async () => {
        expect((await owner.post(`/api/dialogs/${session.sessionId}/take`, {})).statusCode).toBe(200);
        expect(
          (await owner.post(`/api/dialogs/${session.sessionId}/messages`, { text: 'Здравствуйте!' })).statusCode,
        ).toBe(201);
        expect((await owner.post(`/api/dialogs/${session.sessionId}/messages`, { text: long })).statusCode).toBe(201);
      },
      until: (all) => contents(all).includes(long),
    });
    expect(events.find((e) => e.event === 'state')?.data).toMatchObject({ state: 'operator' });
    expect(contents(events)).toEqual([expect.stringMatching(/подключился к диалогу$/), 'Здравствуйте!', long]);
  });

  it('loses nothing stored when B’s listening connection drops: the stream catches up on reconnection', async () => {
    const { owner, key, session } = await dialogOnB();
    await owner.post(`/api/dialogs/${session.sessionId}/take`, {});
    const events = await readEvents(urlOfB, {
      key,
      session,
      lastEventId: 3,
      timeoutMs: 20_000,
      onOpen: async () => {
        // Both instances' listeners are cut (as the server's superuser: the app's roles may not);
        // A's message is sent while B hears nothing.
        const [database] = await db.withPlatform({ actorUserId: null, action: 'test.database' }, (tx) =>
          queryRows<{ name: string }>(tx, sql`select current_database() as name`),
        );
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        const cut = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query = $2',
          [database?.name, `listen ${CHAT_CHANNEL}`],
        );
        await admin.end();
        expect(cut.rowCount).toBe(2);
        await owner.post(`/api/dialogs/${session.sessionId}/messages`, { text: 'Пока вас не было' });
      },
      until: (all) => contents(all).includes('Пока вас не было'),
    });
    expect(contents(events)).toEqual(['Пока вас не было']);
  });
});
