import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import {
  decompressionBomb,
  gifImage,
  jpegWithExif,
  pngImage,
  svgImage,
  webpImage,
} from '../../../test/support/images.ts';
import { startS3Server, type TestS3Server } from '../../../test/support/s3Server.ts';
import { files, tenants } from '../../db/schema.ts';
import { PLANS_CATALOGUE } from '../billing/plans.ts';
import { createS3Store, newObjectKey } from '../storage/s3Service.ts';

const BRANDING = {
  companyName: 'Ремонт Профи',
  primaryColor: '#0F766E',
  accentColor: '#f97316',
  welcomeTitle: 'Посчитаем ремонт за минуту',
  welcomeText: 'Пять вопросов — и смета у вас.',
  contacts: {
    phone: '+7 (495) 123-45-67',
    email: 'hello@remont.ru',
    address: 'Москва, ул. Строителей, 1',
    website: 'remont.ru',
  },
};

const drivers = [
  { name: 'disk', s3: false },
  { name: 'S3', s3: true },
];

describe.each(drivers)('branding on the $name driver', ({ s3 }) => {
  let ctx: TestContext;
  let server: TestS3Server | undefined;

  beforeAll(async () => {
    server = s3 ? await startS3Server() : undefined;
    ctx = await createTestApp({
      store: server ? createS3Store({ s3: server.s3, publicUrl: 'http://localhost:3000' }) : undefined,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const keyOf = (url: string) => url.replace('http://localhost:3000/files/public/', '');
  const fetchPublic = (url: string) => ctx.app.inject({ method: 'GET', url: new URL(url).pathname });
  const widgetKeyOf = async (owner: ApiClient) => {
    const tenantId = owner.session.tenant?.id as string;
    const [row] = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ key: tenants.widgetKey }).from(tenants).where(eq(tenants.id, tenantId)),
    );
    return row?.key as string;
  };
  const fileRows = (owner: ApiClient) => {
    const tenantId = owner.session.tenant?.id as string;
    return ctx.db.withTenant(tenantId, (tx) => tx.select().from(files).where(eq(files.tenantId, tenantId)));
  };

  describe('TenantBranding: GET and PUT /api/branding', () => {
    it('starts from the defaults, with the company’s own name', async () => {
      const owner = await signUpOwner(ctx.app, { companyName: 'Стройка Века' });
      const branding = (await owner.get('/api/branding')).json();
      expect(branding).toEqual({
        companyName: '',
        defaultCompanyName: 'Стройка Века',
        primaryColor: '#4f46e5',
        accentColor: '#f59e0b',
        welcomeTitle: 'Рассчитаем стоимость ремонта',
        welcomeText: expect.any(String),
        contacts: { phone: '', email: '', address: '', website: '' },
        logo: null,
        // On Free the widget and the estimate say «AI Max»; white-label comes with Enterprise.
        poweredBy: true,
        whiteLabelPlan: 'Enterprise',
      });
    });

    it('saves the branding, colours in lower case', async () => {
      const owner = await signUpOwner(ctx.app);
      const saved = await owner.request('PUT', '/api/branding', BRANDING);
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ ...BRANDING, primaryColor: '#0f766e', logo: null });
      expect((await owner.get('/api/branding')).json()).toEqual(saved.json());
    });

    it('explains what is wrong, field by field, and saves nothing', async () => {
      const owner = await signUpOwner(ctx.app);
      const response = await owner.request('PUT', '/api/branding', {
        ...BRANDING,
        primaryColor: 'red',
        welcomeTitle: '  ',
        contacts: { ...BRANDING.contacts, email: 'not-an-email', website: 'no spaces allowed.ru' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toEqual({
        primaryColor: 'Цвет в формате #RRGGBB, например #4F46E5',
        welcomeTitle: 'Заголовок приветствия: от 1 до 120 символов',
        'contacts.email': 'Введите корректный email или оставьте поле пустым',
        'contacts.website': 'Введите адрес сайта, например remont.ru, или оставьте поле пустым',
      });
      expect((await owner.get('/api/branding')).json().primaryColor).toBe('#4f46e5');
    });

    it('is for owners', async () => {
      const owner = await signUpOwner(ctx.app);
      const manager = await addManager(ctx.app, owner);
      expect((await manager.get('/api/branding')).statusCode).toBe(403);
      expect((await manager.request('PUT', '/api/bot-settings', { name: 'Бот', greeting: 'Привет' })).statusCode).toBe(
        403,
      );
    });
  });

  describe('BotSettings: GET and PUT /api/bot-settings', () => {
    it('saves the bot’s name and greeting', async () => {
      const owner = await signUpOwner(ctx.app);
      expect((await owner.get('/api/bot-settings')).json()).toEqual({
        name: 'Консультант',
        greeting: expect.any(String),
        avatar: null,
      });
      const saved = await owner.request('PUT', '/api/bot-settings', { name: ' Алиса ', greeting: 'Здравствуйте!' });
      expect(saved.json()).toEqual({ name: 'Алиса', greeting: 'Здравствуйте!', avatar: null });
      const empty = await owner.request('PUT', '/api/bot-settings', { name: '', greeting: 'x' });
      expect(empty.json().error.fields).toEqual({ name: 'Имя бота: от 1 до 60 символов' });
    });
  });

  describe('logo and avatar uploads', () => {
    it('re-encodes a logo, serves it publicly, and shows it in the widget config', async () => {
      const owner = await signUpOwner(ctx.app);
      const original = await pngImage(1600, 600);
      const uploaded = await owner.upload('/api/branding/logo', original, 'logo.png', 'image/png');
      expect(uploaded.statusCode).toBe(200);
      const { logo } = uploaded.json();
      expect(logo.url).toMatch(
        new RegExp(`^http://localhost:3000/files/public/tenants/${owner.session.tenant?.id}/logo/[\\w-]{22}\\.webp$`),
      );

      const served = await fetchPublic(logo.url);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.rawPayload.equals(original)).toBe(false);
      expect(await sharp(served.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 800, height: 300 });

      const config = await ctx.app.inject({ method: 'GET', url: `/api/widget/config?key=${await widgetKeyOf(owner)}` });
      expect(config.json().logoUrl).toBe(logo.url);
    });

    it('makes avatars square and strips what the camera wrote', async () => {
      const owner = await signUpOwner(ctx.app);
      const uploaded = await owner.upload('/api/bot-settings/avatar', await jpegWithExif(), 'me.jpg', 'image/jpeg');
      expect(uploaded.statusCode).toBe(200);
      const served = await fetchPublic(uploaded.json().avatar.url);
      const metadata = await sharp(served.rawPayload).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 256 });
      expect(metadata.exif).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('SecretCam'))).toBe(false);
    });

    it('replaces the previous image and leaves no orphan behind', async () => {
      const owner = await signUpOwner(ctx.app);
      const first = (await owner.upload('/api/branding/logo', await pngImage(), 'a.png', 'image/png')).json().logo;
      const second = (await owner.upload('/api/branding/logo', await webpImage(), 'b.webp', 'image/webp')).json().logo;
      expect(second.url).not.toBe(first.url);
      expect(await ctx.store.get(keyOf(first.url))).toBeNull();
      expect((await fetchPublic(first.url)).statusCode).toBe(404);
      expect((await fetchPublic(second.url)).statusCode).toBe(200);
      expect((await fileRows(owner)).map((f) => f.key)).toEqual([keyOf(second.url)]);
    });

    it('deletes the image with its object', async () => {
      const owner = await signUpOwner(ctx.app);
      const { avatar } = (
        await owner.upload('/api/bot-settings/avatar', await webpImage(), 'a.webp', 'image/webp')
      ).json();
      const removed = await owner.delete('/api/bot-settings/avatar');
      expect(removed.statusCode).toBe(200);
      expect(removed.json().avatar).toBeNull();
      expect(await ctx.store.get(keyOf(avatar.url))).toBeNull();
      expect(await fileRows(owner)).toEqual([]);
      expect((await owner.delete('/api/bot-settings/avatar')).statusCode).toBe(200);
    });

    it.each([
      ['an SVG', svgImage, 'logo.svg', 'image/svg+xml'],
      ['a GIF', null, 'logo.gif', 'image/gif'],
      ['text named .png', Buffer.from('just some text, not an image'), 'logo.png', 'image/png'],
      ['a decompression bomb', null, 'bomb.png', 'image/png'],
    ])('refuses %s and stores nothing', async (what, data, name, type) => {
      const owner = await signUpOwner(ctx.app);
      const bytes = data ?? (what === 'a GIF' ? await gifImage() : await decompressionBomb());
      const response = await owner.upload('/api/branding/logo', bytes, name, type);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'UNSUPPORTED_IMAGE',
        fields: { file: 'Загрузите изображение в формате PNG, JPEG или WebP' },
      });
      expect(await fileRows(owner)).toEqual([]);
    });

    it('refuses a file over 2 MB with 413', async () => {
      const owner = await signUpOwner(ctx.app);
      const response = await owner.upload(
        '/api/branding/logo',
        Buffer.alloc(2 * 1024 * 1024 + 1, 1),
        'big.png',
        'image/png',
      );
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toEqual({
        code: 'FILE_TOO_LARGE',
        message: 'Файл слишком большой: не больше 2 МБ',
        fields: { file: 'Файл слишком большой: не больше 2 МБ' },
      });
      expect(await fileRows(owner)).toEqual([]);
    });

    it('refuses an upload the plan has no room for, and keeps the image in place', async () => {
      const owner = await signUpOwner(ctx.app);
      const tenantId = owner.session.tenant?.id as string;
      const { logo } = (await owner.upload('/api/branding/logo', await pngImage(), 'a.png', 'image/png')).json();
      const held = (await fileRows(owner)).reduce((sum, file) => sum + file.size, 0);
      // Estimates filling all but ten bytes of the Free plan's room.
      await ctx.db.withTenant(tenantId, (tx) =>
        tx.insert(files).values({
          tenantId,
          kind: 'estimate',
          key: newObjectKey({ tenantId, kind: 'estimate', extension: 'pdf' }),
          contentType: 'application/pdf',
          size: PLANS_CATALOGUE.free.limits.storageBytes - held - 10,
          visibility: 'private',
        }),
      );
      const before = await fileRows(owner);
      const response = await owner.upload('/api/branding/logo', await webpImage(), 'b.webp', 'image/webp');
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({
        code: 'STORAGE_LIMIT_REACHED',
        message: 'Место для файлов на вашем тарифе закончилось. Удалите ненужное или перейдите на тариф выше',
      });
      expect(await fileRows(owner)).toEqual(before);
      expect((await owner.get('/api/branding')).json().logo.url).toBe(logo.url);
      expect((await fetchPublic(logo.url)).statusCode).toBe(200);
    });

    it('takes one file, in the field "file"', async () => {
      const owner = await signUpOwner(ctx.app);
      const image = new Blob([new Uint8Array(await webpImage())], { type: 'image/webp' });
      const elsewhere = new FormData();
      elsewhere.append('picture', image, 'a.webp');
      const wrongField = await owner.request('POST', '/api/branding/logo', elsewhere);
      expect(wrongField.statusCode).toBe(400);
      expect(wrongField.json().error.fields).toEqual({ file: 'Выберите файл' });

      const two = new FormData();
      two.append('file', image, 'a.webp');
      two.append('file', image, 'b.webp');
      const twoFiles = await owner.request('POST', '/api/branding/logo', two);
      expect(twoFiles.statusCode).toBe(400);
      expect(twoFiles.json().error.message).toBe('Загрузите один файл');
      expect(await fileRows(owner)).toEqual([]);
    });

    it('asks for a file when there is none, and for multipart when it is not', async () => {
      const owner = await signUpOwner(ctx.app);
      const empty = await owner.request('POST', '/api/branding/logo', new FormData());
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.code).toBe('FILE_REQUIRED');
      const json = await owner.post('/api/branding/logo', { file: 'data:image/png;base64,AAAA' });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('serves only public files publicly', async () => {
      const owner = await signUpOwner(ctx.app);
      const { logo } = (await owner.upload('/api/branding/logo', await pngImage(), 'a.png', 'image/png')).json();
      const privateKey = keyOf(logo.url).replace('/logo/', '/estimate/').replace('.webp', '.pdf');
      await ctx.store.put(privateKey, Buffer.from('%PDF'), 'application/pdf');
      expect((await ctx.app.inject({ method: 'GET', url: `/files/public/${privateKey}` })).statusCode).toBe(404);
      expect((await ctx.app.inject({ method: 'GET', url: '/files/public/../../etc/passwd' })).statusCode).toBe(404);
    });
  });

  describe('GET /api/widget/config', () => {
    it('gives the widget its branding and bot, to any origin', async () => {
      const owner = await signUpOwner(ctx.app, { companyName: 'Зарегистрированное имя' });
      await owner.request('PUT', '/api/branding', BRANDING);
      await owner.request('PUT', '/api/bot-settings', { name: 'Алиса', greeting: 'Привет!' });
      const { avatar } = (
        await owner.upload('/api/bot-settings/avatar', await webpImage(), 'a.webp', 'image/webp')
      ).json();
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/widget/config?key=${await widgetKeyOf(owner)}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.json()).toEqual({
        companyName: 'Ремонт Профи',
        primaryColor: '#0f766e',
        accentColor: '#f97316',
        welcomeTitle: BRANDING.welcomeTitle,
        welcomeText: BRANDING.welcomeText,
        logoUrl: null,
        bot: { name: 'Алиса', greeting: 'Привет!', avatarUrl: avatar.url },
        poweredBy: true,
        poweredByUrl: expect.stringMatching(
          /^http:\/\/localhost:3000\/admin\/signup\?utm_source=widget&utm_medium=badge&utm_campaign=[a-z0-9-]+$/,
        ),
        metrika: null,
      });
    });

    it('knows no unknown key', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/widget/config?key=wk_nope' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('WIDGET_NOT_FOUND');
      expect((await ctx.app.inject({ method: 'GET', url: '/api/widget/config' })).statusCode).toBe(400);
    });
  });
});
