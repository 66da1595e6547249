// Requests by Host. A company's verified domain serves that company's widget and nothing else:
// the loader, the frame with its assets, the widget API and a demo page, each for that company's
// key only. A name some company claimed that is not served (not verified yet, disabled, or the
// plan lost custom domains) gets a plain 404. Any other host is the platform's own.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config.ts';
import { domainByHost, type HostDomain } from './service.ts';

export interface ServedDomain {
  tenantId: string;
  hostname: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The company whose own domain this request came to; null on the platform's hosts. */
    servedDomain: ServedDomain | null;
  }
  interface FastifyInstance {
    /** Drops what this instance remembers of a name, after it was claimed, checked or removed. */
    forgetHost(hostname: string): void;
  }
}

/** The platform's own names: never a company's, and never looked up. */
export const platformHostsOf = (config: Config) => [
  ...new Set([new URL(config.publicUrl).hostname, config.domains.cnameTarget]),
];

/** What a company's domain answers; the rest of the platform (the admin, the sign-up) is not there. */
const SERVED_PATH = /^\/(?:$|\?|widget\.js|widget\/|assets\/|api\/widget\/|favicon\.svg)/;

const NOT_SERVED = `<!doctype html><meta charset="utf-8"><title>404</title><p>Страница не найдена</p>`;

/** A request's origin as the browser on that host names it, for comparing with an Origin header. */
export const isServedOrigin = (request: FastifyRequest, origin: string | undefined) => {
  if (!request.servedDomain || !origin) return false;
  try {
    return new URL(origin).hostname === request.servedDomain.hostname;
  } catch {
    return false;
  }
};

export const customDomainHosts = fp(
  async (app, { config }: { config: Config }) => {
    const platformHosts = new Set(platformHostsOf(config));
    // Every request asks, and a domain's state changes rarely: a few seconds of memory, names
    // nobody claimed included (bounded, so random Host headers cannot grow it). A change made on
    // another instance reaches this one within the TTL.
    const known = new LRUCache<string, { domain: HostDomain | null }>({ max: 10_000, ttl: 15_000 });
    const lookUp = async (hostname: string) => {
      const cached = known.get(hostname);
      if (cached) return cached.domain;
      const domain = await domainByHost(app.db, hostname);
      known.set(hostname, { domain });
      return domain;
    };

    app.decorate('forgetHost', (hostname: string) => {
      known.delete(hostname);
    });
    app.decorateRequest('servedDomain', null);
    app.addHook('onRequest', async (request, reply) => {
      const hostname = request.hostname.toLowerCase().replace(/\.$/, '');
      if (!hostname || platformHosts.has(hostname) || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return;
      const domain = await lookUp(hostname);
      if (!domain) return;
      if (!domain.served || !SERVED_PATH.test(request.url)) {
        return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_SERVED);
      }
      request.servedDomain = { tenantId: domain.tenantId, hostname: domain.hostname };
    });
  },
  { name: 'customDomainHosts', dependencies: ['database'] },
);
