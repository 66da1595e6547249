import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { contentDisposition } from '../../lib/contentDisposition.ts';
import { memberOf, operatorOf } from '../../plugins/auth.ts';
import { IdParams, iso, isoOrNull, responses } from '../../schemas.ts';
import { emlFilePath } from '../email/transport.ts';
import { DeliveryListQuery, DeliveryListView, DeliveryView, PlatformDeliveryListView } from './schemas.ts';
import { findEmailDelivery, listDeliveries, listPlatformDeliveries, retryDelivery } from './service.ts';

const toView = <T extends { createdAt: Date; sentAt: Date | null; nextAttemptAt: Date }>(row: T) => ({
  ...row,
  createdAt: iso(row.createdAt),
  sentAt: isoOrNull(row.sentAt),
  nextAttemptAt: iso(row.nextAttemptAt),
});

const isMissingFile = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * «Доставки»: what the outbox sent, is retrying or gave up on — every company's for the
 * superadmin (with the `.eml` of emails written to disk), one's own for the owner.
 */
export const deliveryRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/platform/deliveries',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Deliveries of every channel, newest first: sent, waiting for a retry, or failed',
        querystring: DeliveryListQuery,
        response: responses({ 200: PlatformDeliveryListView }),
      },
    },
    async (request) => {
      const result = await listPlatformDeliveries(app.db, operatorOf(request), request.query);
      return { deliveries: result.deliveries.map(toView), total: result.total };
    },
  );

  app.get(
    '/api/deliveries',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The company’s deliveries (emails, Telegram alerts), newest first',
        querystring: DeliveryListQuery,
        response: responses({ 200: DeliveryListView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const result = await app.db.withTenant(ctx.tenantId, (tx) => listDeliveries(tx, ctx, request.query));
      return { deliveries: result.deliveries.map(toView), total: result.total };
    },
  );

  app.post(
    '/api/deliveries/:id/retry',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Sends a failed delivery again (its attempts counted afresh), or a waiting one now',
        params: IdParams,
        response: responses({ 200: DeliveryView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const retried = await app.db.withTenant(ctx.tenantId, (tx) => retryDelivery(tx, ctx, request.params.id));
      if (!retried) throw new AppError('DELIVERY_NOT_FOUND');
      app.outbox.kick();
      return toView(retried);
    },
  );

  app.get(
    '/api/platform/deliveries/:id/eml',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'An email as it was written to disk (message/rfc822); only without SMTP_URL',
        params: IdParams,
        response: responses({ 200: Type.String({ description: 'The message, RFC 5322' }) }),
      },
    },
    async (request, reply) => {
      const email = await findEmailDelivery(app.db, operatorOf(request), request.params.id);
      if (!email) throw new AppError('EMAIL_NOT_FOUND');
      let message: Buffer;
      try {
        message = await readFile(emlFilePath(config.dataDir, email));
      } catch (error) {
        if (!isMissingFile(error)) throw error;
        throw new AppError('EMAIL_NOT_FOUND', {
          message: 'Файла письма нет: письмо ещё не отправлено или отправлено через SMTP, а не сохранено на диск',
        });
      }
      return reply
        .type('message/rfc822')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition(`${email.id}.eml`))
        .send(message);
    },
  );
};
