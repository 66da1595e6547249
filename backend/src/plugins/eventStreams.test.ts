// A closing app ends the event streams it holds open, so a restart does not wait for every
// visitor and manager to leave (and the browsers reconnect elsewhere).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createTestServices, testConfig } from '../../test/support/app.ts';
import { signUpOwner } from '../../test/support/clients.ts';
import { createTestDatabase } from '../../test/support/database.ts';
import { visitor, type WidgetSession, widgetKeyOf } from '../../test/support/widget.ts';
import { buildApp } from '../app.ts';

it('ends the open widget and inbox streams when the app closes', async () => {
  const config = testConfig({ DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-streams-')) });
  const db = await createTestDatabase();
  const services = await createTestServices(config);
  const app = await buildApp({ config, db, ...services });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const owner = await signUpOwner(app);
    const key = await widgetKeyOf({ app, db, config, ...services }, owner);
    const session = (await visitor(app, key).start()).json<WidgetSession>();
    const widget = await fetch(
      `${url}/api/widget/sessions/${session.sessionId}/events?key=${key}&token=${session.token}`,
    );
    const inbox = await fetch(`${url}/api/dialogs/events`, { headers: { cookie: owner.cookie } });
    expect([widget.status, inbox.status]).toEqual([200, 200]);
    expect(app.eventStreams.size).toBe(2);

    await app.close();
    // Both bodies end (rather than hang): read them to their end.
    expect(await widget.text()).toContain('retry: 2000');
    expect(await inbox.text()).toContain('retry: 2000');
    expect(app.eventStreams.size).toBe(0);
  } finally {
    await app.close();
    await services.pdf.close();
    await db.close();
  }
});
