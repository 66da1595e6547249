import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { responses } from '../../schemas.ts';

const HealthView = Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') });

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness with the database checked: 200, or 503 when the database does not answer',
        response: responses({ 200: HealthView }),
      },
    },
    async (request) => {
      try {
        await app.db.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        throw new AppError('DATABASE_UNAVAILABLE');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};
