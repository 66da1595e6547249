import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { contentDisposition } from '../../lib/contentDisposition.ts';
import { operatorOf } from '../../plugins/auth.ts';
import { IdParams, iso, isoOrNull, responses } from '../../schemas.ts';
import { EmailListQuery, EmailListView, type PlatformEmailView } from './schemas.ts';
import { findOutboxEmail, listOutboxEmails, type PlatformEmail } from './service.ts';
import { emlFilePath } from './transport.ts';

const toView = (email: PlatformEmail): PlatformEmailView => ({
  ...email,
  createdAt: iso(email.createdAt),
  sentAt: isoOrNull(email.sentAt),
  nextAttemptAt: iso(email.nextAttemptAt),
});

const isMissingFile = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The superadmin's outbox: every email the platform queued, and the `.eml` of those written to disk. */
export const emailRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/platform/emails',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Emails in the outbox, newest first: sent, waiting for a retry, or failed',
        querystring: EmailListQuery,
        response: responses({ 200: EmailListView }),
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const result = await listOutboxEmails(app.db, operatorOf(request), { status, limit, offset });
      return { emails: result.emails.map(toView), total: result.total };
    },
  );

  app.get(
    '/api/platform/emails/:id/eml',
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
      const email = await findOutboxEmail(app.db, operatorOf(request), { emailId: request.params.id });
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
