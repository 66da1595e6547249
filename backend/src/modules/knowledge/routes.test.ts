// The knowledge base end to end through the API, on whichever database the run uses: pgvector on
// the embedded one, full text alone on a PostgreSQL without the extension (the routes say which).
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { kbChunks, kbEntries, kbLexemes, messages, tenants } from '../../db/schema.ts';
import { PLANS_CATALOGUE } from '../billing/plans.ts';
import { MAX_CHUNKS } from './entries.ts';
import type { CheckView, EntryDetailView, EntryView, KnowledgeView } from './schemas.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
  // The tests index when they choose to, so a status is never caught halfway.
  await ctx.app.indexer.stop();
});

async function company(): Promise<{ owner: ApiClient; key: string; tenantId: string }> {
  const owner = await signUpOwner(ctx.app);
  return { owner, key: await widgetKeyOf(ctx, owner), tenantId: owner.session.tenant?.id as string };
}

const indexAll = () => ctx.app.indexer.runOnce();

async function addText(owner: ApiClient, title: string, body: string): Promise<EntryView> {
  const response = await owner.post('/api/knowledge/documents', { title, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<EntryView>();
}

async function addPair(owner: ApiClient, questions: string[], answer: string, dialogId?: string): Promise<EntryView> {
  const response = await owner.post('/api/knowledge/pairs', { questions, answer, ...(dialogId ? { dialogId } : {}) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<EntryView>();
}

const check = async (client: ApiClient, question: string) => {
  const response = await client.post('/api/knowledge/check', { question });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CheckView>();
};

const entryOf = async (client: ApiClient, id: string) =>
  (await client.get(`/api/knowledge/${id}`)).json<EntryDetailView>();

/** The bot's reply to the visitor's last message, once stored. */
async function replyTo(tenantId: string, session: WidgetSession, after: number) {
  let reply: typeof messages.$inferSelect | undefined;
  await expect
    .poll(async () => {
      [reply] = await ctx.db.withTenant(tenantId, (tx) =>
        tx
          .select()
          .from(messages)
          .where(
            and(
              eq(messages.sessionId, session.sessionId),
              eq(messages.role, 'bot'),
              sql`${messages.seq} > ${after}`,
              sql`${messages.data} ? 'replyId'`,
            ),
          ),
      );
      return reply !== undefined;
    })
    .toBe(true);
  return reply as typeof messages.$inferSelect;
}

async function ask(key: string, tenantId: string, question: string) {
  const client = visitor(ctx.app, key);
  const session = (await client.start()).json<WidgetSession>();
  const sent = await client.message(session, question);
  expect(sent.statusCode, sent.body).toBe(202);
  return replyTo(tenantId, session, sent.json<{ seq: number }>().seq);
}

describe('documents', () => {
  it('indexes pasted text in the background, by sections, and shows it ready with its chunks', async () => {
    const { owner, tenantId } = await company();
    const added = await addText(
      owner,
      'Цены',
      '# Ванная\n\nСтоимость ремонта ванных комнат — от 150 000 ₽ под ключ.\n\n# Гарантия\n\nГарантия на все работы — 3 года.',
    );
    expect(added).toMatchObject({ status: 'indexing', kind: 'document', chunkCount: 0, createdBy: 'Владелец' });
    expect(await indexAll()).toBe(1);

    const list = (await owner.get('/api/knowledge')).json<KnowledgeView>();
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({ id: added.id, status: 'ready', error: null, chunkCount: 2 });
    expect(list.documents).toEqual({ used: 1, limit: PLANS_CATALOGUE.free.limits.kbDocuments });
    expect(list.search.vectors).toBe(ctx.db.driver === 'pglite' ? 'pgvector' : null);
    if (ctx.db.driver === 'postgres') expect(list.warning).toContain('pgvector');
    const chunks = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select().from(kbChunks).where(eq(kbChunks.entryId, added.id)).orderBy(kbChunks.ordinal),
    );
    expect(chunks.map((chunk) => chunk.headingPath)).toEqual([['Ванная'], ['Гарантия']]);
  });

  it('finds a passage through Russian morphology and the folded price words', async () => {
    const { owner } = await company();
    await addText(owner, 'Прайс', 'Стоимость ремонта ванных комнат: от 150 000 ₽ под ключ.');
    await addText(owner, 'О компании', 'Мы работаем в Москве и Московской области с 2012 года.');
    await indexAll();

    const found = await check(owner, 'сколько стоит ремонт ванной');
    const passed = found.passages.filter((passage) => passage.passed);
    expect(passed[0]).toMatchObject({ title: 'Прайс', content: expect.stringContaining('150 000 ₽') });
    expect(passed[0]?.fullText).toMatchObject({ matched: 3, total: 3 });
    expect(passed.map((passage) => passage.title)).not.toContain('О компании');
    // Every word of the question is in it and the trigrams agree: the offline responder quotes it.
    expect(found.responder).toBe('offline');
    expect(found.reply).toBe(
      'Вот что есть в наших материалах: Стоимость ремонта ванных комнат: от 150 000 ₽ под ключ. Давайте продолжим расчёт: Какой объект ремонтируем?',
    );
    // A kitchen is not a bathroom: half the words are not enough to quote a price.
    const kitchen = await check(owner, 'сколько стоит ремонт кухни');
    expect(kitchen.reply).not.toContain('150 000');
  });

  it('forgives a typo through trigram similarity', async () => {
    const { owner } = await company();
    await addText(owner, 'Гарантия', 'Гарантия на все работы — 3 года.');
    await indexAll();
    const typo = await check(owner, 'гарантйя');
    const [passage] = typo.passages.filter((candidate) => candidate.passed);
    expect(passage).toMatchObject({ title: 'Гарантия', fullText: null });
    expect(passage?.trigram).toBeGreaterThanOrEqual(0.5);
  });

  it('corrects a typo by the words of the company’s entries switched on, as they are now', async () => {
    const { owner, tenantId } = await company();
    const list = await addText(
      owner,
      'Прайс',
      '# Санузел\n\nГидроизоляция санузла — от 9 000 ₽.\n\n# Пол\n\nУкладка плитки — от 1 200 ₽ за м².',
    );
    await addText(owner, 'О компании', 'Работаем по договору с 2012 года.');
    await indexAll();
    const typo = async () => (await check(owner, 'гидроизаляция санузла')).passages.filter((found) => found.passed);
    const [passage, ...others] = await typo();
    expect(passage).toMatchObject({
      title: 'Прайс',
      content: expect.stringContaining('Гидроизоляция санузла — от 9 000 ₽.'),
      fullText: null,
    });
    expect(passage?.trigram).toBeGreaterThanOrEqual(0.5);
    expect(others.map((other) => other.content)).not.toContain('Работаем по договору с 2012 года.');

    await owner.request('PATCH', `/api/knowledge/${list.id}`, { enabled: false });
    expect(await typo()).toEqual([]);
    await owner.request('PATCH', `/api/knowledge/${list.id}`, { enabled: true });
    await owner.request('PATCH', `/api/knowledge/${list.id}`, { body: 'Укладка плитки — от 1 200 ₽ за м².' });
    await indexAll();
    expect(await typo()).toEqual([]);
    const vocabulary = await ctx.db.withTenant(tenantId, (tx) =>
      tx.select({ lexeme: kbLexemes.lexeme }).from(kbLexemes).where(eq(kbLexemes.entryId, list.id)),
    );
    // Stemmed, without numbers, the price word folded (text.ts).
    expect(vocabulary.map((row) => row.lexeme).sort()).toEqual(['плитк', 'укладк']);
  });

  it('ends a file that cannot be read as an error with the reason, and reads the ones that can', async () => {
    const { owner } = await company();
    const broken = await owner.upload(
      '/api/knowledge/files',
      Buffer.from('%PDF-1.4 not really'),
      'прайс.pdf',
      'application/pdf',
    );
    expect(broken.statusCode, broken.body).toBe(201);
    const csv = await owner.upload(
      '/api/knowledge/files',
      Buffer.from('Услуга;Цена\nУкладка плитки;1 200 ₽ за м²\nШтукатурка стен;650 ₽ за м²\n'),
      'Прайс 2026.csv',
      'text/csv',
    );
    expect(csv.statusCode, csv.body).toBe(201);
    const rows = Array.from({ length: MAX_CHUNKS + 1 }, (_, i) => `Позиция ${i};${i} ₽`).join('\n');
    const huge = await owner.upload(
      '/api/knowledge/files',
      Buffer.from(`Услуга;Цена\n${rows}\n`),
      'весь каталог.csv',
      'text/csv',
    );
    expect(huge.statusCode, huge.body).toBe(201);
    expect(csv.json<EntryView>()).toMatchObject({
      title: 'Прайс 2026',
      fileName: 'Прайс 2026.csv',
      status: 'indexing',
    });
    await indexAll();

    const failed = await entryOf(owner, broken.json<EntryView>().id);
    expect(failed).toMatchObject({ status: 'error', chunkCount: 0 });
    expect(failed.error).toMatch(/повреждён|PDF/);
    const tooLarge = await entryOf(owner, huge.json<EntryView>().id);
    expect(tooLarge).toMatchObject({ status: 'error', chunkCount: 0 });
    expect(tooLarge.error).toBe(
      `Документ слишком большой: в нём ${(MAX_CHUNKS + 1).toLocaleString('ru-RU')} фрагментов, а можно до ${MAX_CHUNKS.toLocaleString('ru-RU')}. Разделите его на несколько файлов`,
    );
    const read = await entryOf(owner, csv.json<EntryView>().id);
    expect(read).toMatchObject({ status: 'ready', chunkCount: 2, error: null });
    const found = await check(owner, 'почём укладка плитки');
    expect(found.passages.find((passage) => passage.passed)?.content).toBe(
      'Услуга: Укладка плитки; Цена: 1 200 ₽ за м²',
    );
  });

  it('keeps to the plan’s number of documents, while pairs do not count', async () => {
    const { owner, tenantId } = await company();
    const limit = PLANS_CATALOGUE.free.limits.kbDocuments;
    for (let i = 0; i < limit; i++) await addText(owner, `Документ ${i}`, `Текст ${i}`);
    const over = await owner.post('/api/knowledge/documents', { title: 'Лишний', body: 'Текст' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('KB_DOCUMENTS_LIMIT_REACHED');
    await addPair(owner, ['Есть ли рассрочка?'], 'Да, на 6 месяцев без переплаты.');
    const held = await ctx.db.withTenant(tenantId, (tx) => tx.select().from(kbEntries));
    expect(held).toHaveLength(limit + 1);
  });

  it('edits, switches off, re-indexes and deletes, and refuses what an entry does not have', async () => {
    const { owner, key, tenantId } = await company();
    const entry = await addText(owner, 'Сроки', 'Косметический ремонт занимает от 3 недель.');
    await indexAll();

    const edited = await owner.request('PATCH', `/api/knowledge/${entry.id}`, {
      body: 'Косметический ремонт квартиры занимает от 4 недель.',
    });
    expect(edited.json()).toMatchObject({ status: 'indexing' });
    // The old text answers until the new one is indexed.
    expect((await check(owner, 'косметический ремонт недель')).passages[0]?.content).toContain('3 недель');
    await indexAll();
    expect((await check(owner, 'косметический ремонт недель')).passages[0]?.content).toContain('4 недель');

    const wrong = await owner.request('PATCH', `/api/knowledge/${entry.id}`, { answer: 'Ответ' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.answer).toContain('пар');

    await owner.request('PATCH', `/api/knowledge/${entry.id}`, { enabled: false });
    expect((await check(owner, 'косметический ремонт недель')).passages).toEqual([]);
    const reply = await ask(key, tenantId, 'Сколько недель займёт косметический ремонт?');
    expect(reply.content).not.toContain('4 недель');

    await owner.request('PATCH', `/api/knowledge/${entry.id}`, { enabled: true });
    const again = await owner.post(`/api/knowledge/${entry.id}/reindex`);
    expect(again.json()).toMatchObject({ status: 'indexing' });
    await indexAll();
    expect((await entryOf(owner, entry.id)).status).toBe('ready');

    expect((await owner.delete(`/api/knowledge/${entry.id}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/knowledge/${entry.id}`)).statusCode).toBe(404);
    const left = await ctx.db.withTenant(tenantId, (tx) => tx.select().from(kbChunks));
    expect(left).toEqual([]);
    expect(await ctx.db.withTenant(tenantId, (tx) => tx.select().from(kbLexemes))).toEqual([]);
  });

  it('lets managers read, check and add pairs, but not change documents', async () => {
    const { owner } = await company();
    const manager = await addManager(ctx.app, owner);
    const entry = await addText(owner, 'Гарантия', 'Гарантия на все работы — 3 года.');
    expect((await manager.get('/api/knowledge')).statusCode).toBe(200);
    expect((await manager.post('/api/knowledge/documents', { title: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await manager.request('PATCH', `/api/knowledge/${entry.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await manager.delete(`/api/knowledge/${entry.id}`)).statusCode).toBe(403);
    const pair = await addPair(manager, ['Можно ли жить во время ремонта?'], 'Да, если ремонт идёт по комнатам.');
    expect(pair.createdBy).toBe('Менеджер');
    expect((await check(manager, 'гарантия')).question).toBe('гарантия');
  });
});

describe('curated pairs', () => {
  it('answers a paraphrase with the curated answer offline, counts the use, and lists a near miss', async () => {
    const { owner, key, tenantId } = await company();
    const pair = await addPair(
      owner,
      ['Сколько стоит ремонт ванной комнаты?'],
      'Ремонт ванной под ключ — от 150 000 ₽, точная цена после замера.',
    );
    await indexAll();

    for (const paraphrase of [
      'а почём у вас ремонт ванной?',
      'ремонт ванной сколько стоит',
      'Стоимость ремонта ванных комнат',
    ]) {
      const found = await check(owner, paraphrase);
      expect(found.pairs[0], paraphrase).toMatchObject({ entryId: pair.id, passed: true });
    }
    expect((await check(owner, 'сколько стоит ремонт кухни')).pairs.every((candidate) => !candidate.passed)).toBe(true);
    // The owner's checks are not uses.
    expect((await entryOf(owner, pair.id)).useCount).toBe(0);

    const reply = await ask(key, tenantId, 'Почём ремонт ванной?');
    expect(reply.content).toBe(
      'Ремонт ванной под ключ — от 150 000 ₽, точная цена после замера. Давайте продолжим расчёт: Какой объект ремонтируем?',
    );
    expect(reply.data.knowledge).toEqual([pair.id]);
    const used = await entryOf(owner, pair.id);
    expect(used.useCount).toBe(1);
    expect(used.recentQuestions[0]).toMatchObject({ question: 'Почём ремонт ванной?', passed: true });

    await ask(key, tenantId, 'Сколько стоит ремонт кухни?');
    const misses = (await owner.get('/api/knowledge/near-misses')).json<{
      nearMisses: { question: string; entryId: string }[];
    }>();
    expect(misses.nearMisses[0]).toMatchObject({ question: 'Сколько стоит ремонт кухни?', entryId: pair.id });

    // Widening the pair with the missed phrasing makes it answer.
    await owner.request('PATCH', `/api/knowledge/${pair.id}`, {
      questions: ['Сколько стоит ремонт ванной комнаты?', 'Сколько стоит ремонт кухни?'],
    });
    await indexAll();
    expect((await check(owner, 'сколько стоит ремонт кухни')).pairs[0]).toMatchObject({
      entryId: pair.id,
      passed: true,
    });
  });

  it('drafts a pair from a manager’s answer in a dialog: the visitor’s questions it answered, joined', async () => {
    const { owner, key, tenantId } = await company();
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json<WidgetSession>();
    await client.requestOperator(session);
    await client.message(session, 'Здравствуйте!');
    await client.message(session, 'Вы делаете тёплые полы?');
    expect((await owner.post(`/api/dialogs/${session.sessionId}/take`)).statusCode).toBe(200);
    const answered = await owner.post(`/api/dialogs/${session.sessionId}/messages`, {
      text: 'Да, водяные и электрические, от 2 500 ₽ за м².',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const messageId = answered.json<{ id: string }>().id;

    const draft = await owner.get(`/api/dialogs/${session.sessionId}/messages/${messageId}/pair-draft`);
    expect(draft.json()).toEqual({
      question: 'Здравствуйте! Вы делаете тёплые полы?',
      answer: 'Да, водяные и электрические, от 2 500 ₽ за м².',
      dialogId: session.sessionId,
    });
    const pair = await addPair(owner, ['Вы делаете тёплые полы?'], draft.json().answer, session.sessionId);
    expect(pair.dialogId).toBe(session.sessionId);
    await indexAll();
    await owner.post(`/api/dialogs/${session.sessionId}/return`);

    const reply = await ask(key, tenantId, 'а тёплые полы вы делаете?');
    expect(reply.content).toContain('водяные и электрические');

    // A visitor's message is not a manager's answer.
    const [visitorMessage] = await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.sessionId, session.sessionId), eq(messages.role, 'visitor'))),
    );
    const refused = await owner.get(`/api/dialogs/${session.sessionId}/messages/${visitorMessage?.id}/pair-draft`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('KB_MESSAGE_NOT_FOUND');
  });
});

describe('between companies', () => {
  it('never shows one company’s knowledge to another, in checks, prompts or answers', async () => {
    const a = await company();
    const b = await company();
    const canary = 'КАНАРЕЙКА-7f3a9c';
    await addText(a.owner, 'Секрет', `Скидка на ремонт ванной для своих: ${canary}.`);
    await addPair(a.owner, ['Сколько стоит ремонт ванной?'], `Цена для своих: ${canary}.`);
    await addText(b.owner, 'Прайс', 'Ремонт ванной — от 200 000 ₽.');
    await indexAll();

    const fromB = await check(b.owner, 'сколько стоит ремонт ванной');
    expect(JSON.stringify(fromB)).not.toContain(canary);
    const reply = await ask(b.key, b.tenantId, 'Сколько стоит ремонт ванной?');
    expect(reply.content).not.toContain(canary);
    // A's own entry through B's session is not found.
    const [aEntry] = (await a.owner.get('/api/knowledge')).json<KnowledgeView>().entries;
    expect((await b.owner.get(`/api/knowledge/${aEntry?.id}`)).statusCode).toBe(404);
    expect(JSON.stringify((await check(a.owner, 'ремонт ванной для своих')).passages)).toContain(canary);
  });
});

describe('plans', () => {
  it('counts the plan’s documents on the list', async () => {
    const { owner, tenantId } = await company();
    await ctx.db.withTenant(tenantId, (tx) =>
      tx.update(tenants).set({ plan: 'start' }).where(eq(tenants.id, tenantId)),
    );
    const view = (await owner.get('/api/knowledge')).json<KnowledgeView>();
    expect(view.documents.limit).toBe(PLANS_CATALOGUE.start.limits.kbDocuments);
  });
});
