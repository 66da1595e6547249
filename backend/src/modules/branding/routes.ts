import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, responses, SignedLinkView } from '../../schemas.ts';
import { firstPlanWith } from '../billing/plans.ts';
import { funnelOf } from '../funnel/funnel.ts';
import { createEstimatePdf, estimateCompanyOf, sampleEstimate } from '../pdf/estimatePdf.ts';
import { MAX_IMAGE_BYTES } from '../storage/images.ts';
import { uploadedFile } from '../storage/upload.ts';
import { BotSettingsInput, BotSettingsView, BrandingInput, BrandingView } from './schemas.ts';
import {
  getWidgetSettings,
  type ImageSlot,
  removeImage,
  saveBotSettings,
  saveBranding,
  setImage,
  type WidgetSettings,
} from './service.ts';

const TOO_LARGE = 'Файл слишком большой: не больше 2 МБ';

export const brandingRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const imageOf = (key: string | null) => (key ? { url: app.store.publicUrl(key) } : null);

  const brandingView = (settings: WidgetSettings): BrandingView => ({
    companyName: settings.companyName ?? '',
    defaultCompanyName: settings.tenantName,
    primaryColor: settings.primaryColor,
    accentColor: settings.accentColor,
    welcomeTitle: settings.welcomeTitle,
    welcomeText: settings.welcomeText,
    contacts: {
      phone: settings.contacts.phone ?? '',
      email: settings.contacts.email ?? '',
      address: settings.contacts.address ?? '',
      website: settings.contacts.website ?? '',
    },
    logo: imageOf(settings.logoKey),
    poweredBy: !settings.plan.features.whiteLabel,
    whiteLabelPlan: firstPlanWith('whiteLabel').name,
  });

  const botView = (settings: WidgetSettings): BotSettingsView => ({
    name: settings.botName,
    greeting: settings.botGreeting,
    avatar: imageOf(settings.avatarKey),
  });

  const current = (tenantId: string) => app.db.withTenant(tenantId, (tx) => getWidgetSettings(tx, tenantId));
  const deps = { db: app.db, store: app.store, log: app.log };

  app.get(
    '/api/branding',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['branding'],
        summary: 'The widget’s branding (TenantBranding)',
        response: responses({ 200: BrandingView }),
      },
    },
    async (request) => brandingView(await current(memberOf(request).tenantId)),
  );

  app.put(
    '/api/branding',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['branding'],
        summary: 'Save the branding: name, colours, welcome texts, contacts',
        body: BrandingInput,
        response: responses({ 200: BrandingView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => saveBranding(tx, ctx, request.body));
      return brandingView(await current(ctx.tenantId));
    },
  );

  app.get(
    '/api/bot-settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['branding'],
        summary: 'The bot’s name, greeting and avatar (BotSettings)',
        response: responses({ 200: BotSettingsView }),
      },
    },
    async (request) => botView(await current(memberOf(request).tenantId)),
  );

  app.put(
    '/api/bot-settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['branding'],
        summary: 'Save the bot’s name and greeting',
        body: BotSettingsInput,
        response: responses({ 200: BotSettingsView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => saveBotSettings(tx, ctx, request.body));
      return botView(await current(ctx.tenantId));
    },
  );

  const imageRoutes: { path: string; slot: ImageSlot; what: string; view: 'branding' | 'bot' }[] = [
    { path: '/api/branding/logo', slot: 'logo', what: 'company logo', view: 'branding' },
    { path: '/api/bot-settings/avatar', slot: 'avatar', what: 'bot avatar', view: 'bot' },
  ];
  for (const { path, slot, what, view } of imageRoutes) {
    const View = view === 'branding' ? BrandingView : BotSettingsView;
    const render = (settings: WidgetSettings) => (view === 'branding' ? brandingView(settings) : botView(settings));

    app.post(
      path,
      {
        config: { access: 'owner' },
        schema: {
          tags: ['branding'],
          summary: `Upload the ${what} (multipart field "file": PNG, JPEG or WebP up to 2 MB); replaces the previous one`,
          consumes: ['multipart/form-data'],
          response: responses({ 200: View }),
        },
      },
      async (request) => {
        const ctx = memberOf(request);
        const { data } = await uploadedFile(request, { maxBytes: MAX_IMAGE_BYTES, tooLarge: TOO_LARGE });
        await setImage(deps, ctx, { slot, upload: data });
        return render(await current(ctx.tenantId));
      },
    );

    app.delete(
      path,
      {
        config: { access: 'owner' },
        schema: { tags: ['branding'], summary: `Remove the ${what}`, response: responses({ 200: View }) },
      },
      async (request) => {
        const ctx = memberOf(request);
        await removeImage(deps, ctx, { slot });
        return render(await current(ctx.tenantId));
      },
    );
  }

  app.post(
    '/api/branding/estimate-preview',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['branding'],
        summary: 'A sample estimate PDF in the current branding, as a signed link valid for a few minutes',
        response: responses({ 200: SignedLinkView }),
      },
    },
    async (request) => {
      const { tenantId, actorId } = memberOf(request);
      const company = await estimateCompanyOf(deps, tenantId);
      const funnel = funnelOf(await current(tenantId));
      const link = await createEstimatePdf(
        { ...deps, pdf: app.pdf, signedUrlTtlSeconds: config.signedUrlTtlSeconds },
        { tenantId, document: sampleEstimate(company, funnel), preview: true, createdBy: actorId },
      );
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );
};
