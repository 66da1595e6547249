// Server-sent event streams never end by themselves, so the app keeps the open ones and ends them
// when it closes: otherwise close() would wait for every visitor and manager to leave, and a
// restarting instance would hang until it was killed. Each browser then reconnects (to another
// instance behind the balancer) and resumes from its Last-Event-ID.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    eventStreams: Set<ServerResponse>;
  }
}

export const eventStreams = fp(
  async (app: FastifyInstance) => {
    const open = new Set<ServerResponse>();
    app.decorate('eventStreams', open);
    app.addHook('preClose', async () => {
      for (const raw of open) raw.end();
    });
  },
  { name: 'eventStreams' },
);

/** Takes the response over as an event stream: headers, the browser's retry delay, and shutdown. */
export function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies such as nginx would otherwise hold tokens back in a buffer.
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  const open = reply.server.eventStreams;
  open.add(raw);
  raw.on('close', () => open.delete(raw));
  return raw;
}
