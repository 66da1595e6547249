// The platform's support contact (set by the superadmin, read by anyone: companies are told to
// write to it), and what a fresh platform still needs before it can serve companies in full.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { operatorOf } from '../../plugins/auth.ts';
import { responses } from '../../schemas.ts';
import { readSeller } from '../invoices/seller.ts';
import { PlatformSetupView, SupportContactInput, SupportContactResponse } from './schemas.ts';
import { readSupportContact, saveSupportContact } from './support.ts';

export const supportRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/support',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'How to reach the platform’s support (public: shown on sign-in and error pages)',
        response: responses({ 200: SupportContactResponse }),
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { support: await app.db.withIdentity(readSupportContact) };
    },
  );

  app.put(
    '/api/platform/settings/support',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Set the support contact companies are pointed to (email, phone, Telegram; at least one)',
        body: SupportContactInput,
        response: responses({ 200: SupportContactResponse }),
      },
    },
    async (request) => ({ support: await saveSupportContact(app.db, operatorOf(request), request.body) }),
  );

  app.get(
    '/api/platform/setup',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary:
          'What the platform still needs: seller requisites, a support contact, SMTP, the AI gateway, APP_SECRET',
        response: responses({ 200: PlatformSetupView }),
      },
    },
    async (request) => {
      const access = { actorUserId: operatorOf(request).actorId, action: 'platform.setup_viewed' };
      const [seller, support] = await app.db.withPlatform(access, (tx) =>
        Promise.all([readSeller(tx), readSupportContact(tx)]),
      );
      return {
        checks: [
          { id: 'seller' as const, done: seller !== null },
          { id: 'support' as const, done: support !== null },
          { id: 'smtp' as const, done: Boolean(config.mail.smtpUrl) },
          { id: 'llm' as const, done: Boolean(config.llm.apiKey) },
          // Generated into DATA_DIR it works for one instance; several need the same one, set.
          { id: 'appSecret' as const, done: Boolean(config.appSecret) },
        ],
      };
    },
  );
};
