// The sweep that hands waiting dialogs back to the AI, as part of the app: `app.handoffSweep`,
// started when the app is ready and stopped (waiting for the look in flight) when it closes, so
// every instance looks. Tests stop it and move the clock with `runOnce(now)`.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ChatEvents } from '../chat/events.ts';
import { createHandoffSweep, type HandoffSweep, type HandoffSweepOptions } from './handoffTimeouts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    handoffSweep: HandoffSweep;
  }
}

export const handoffSweep = fp(
  async (
    app: FastifyInstance,
    options: { events: ChatEvents } & Pick<HandoffSweepOptions, 'intervalMs' | 'batchSize'>,
  ) => {
    const sweep = createHandoffSweep({ db: app.db, log: app.log, ...options });
    app.decorate('handoffSweep', sweep);
    app.addHook('onReady', async () => sweep.start());
    app.addHook('onClose', async () => sweep.stop());
  },
  { name: 'handoff-sweep', dependencies: ['database'] },
);
