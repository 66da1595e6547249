// PostgreSQL's text and jsonb cannot hold U+0000, and no form of ours has a use for it: a request
// whose body, query or params carry one is refused here, with the field named, before it can reach
// a query and fail there as a 500.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** The path (`contacts.name`) of the first string holding U+0000, or null. Iterative: bodies can nest deep. */
export function pathOfNul(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [current, path] = pending.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) return path;
        pending.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

export const textInput = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      for (const part of [request.params, request.query, request.body]) {
        const path = pathOfNul(part);
        if (path === null) continue;
        const message = 'Недопустимый символ в тексте';
        throw new AppError('VALIDATION_FAILED', { message, fields: path ? { [path]: message } : undefined });
      }
    });
  },
  { name: 'textInput' },
);
