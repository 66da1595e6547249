import { type Static, Type } from 'typebox';
import { KB_ENTRY_KINDS, KB_ENTRY_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, NullableDateTime } from '../../schemas.ts';
import { MAX_TEXT_CHARS } from './entries.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Title = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '\\S',
  errorMessage: 'Название: от 1 до 200 символов',
});
const Body = Type.String({
  minLength: 1,
  maxLength: MAX_TEXT_CHARS,
  pattern: '\\S',
  errorMessage: `Текст: от 1 до ${MAX_TEXT_CHARS.toLocaleString('ru-RU')} символов. Длинный документ загрузите файлом`,
});
const Question = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '\\S',
  errorMessage: 'Вопрос: от 1 до 500 символов',
});
const Questions = Type.Array(Question, {
  minItems: 1,
  maxItems: 20,
  errorMessage: 'Укажите от 1 до 20 формулировок вопроса',
});
const Answer = Type.String({
  minLength: 1,
  maxLength: 4000,
  pattern: '\\S',
  errorMessage: 'Ответ: от 1 до 4000 символов',
});

export const AddTextBody = Type.Object({ title: Title, body: Body }, { additionalProperties: false });
export type AddTextBody = Static<typeof AddTextBody>;

export const AddPairBody = Type.Object(
  {
    questions: Questions,
    answer: Answer,
    /** The dialog the pair was learnt from, when added from a dialog's page. */
    dialogId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type AddPairBody = Static<typeof AddPairBody>;

export const UpdateEntryBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    questions: Type.Optional(Questions),
    answer: Type.Optional(Answer),
    enabled: Type.Optional(Type.Boolean({ errorMessage: 'enabled: true или false' })),
  },
  { additionalProperties: false, minProperties: 1, errorMessage: { minProperties: 'Нечего менять' } },
);
export type UpdateEntryBody = Static<typeof UpdateEntryBody>;

export const CheckBody = Type.Object(
  {
    question: Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: '\\S',
      errorMessage: 'Вопрос: от 1 до 1000 символов',
    }),
  },
  { additionalProperties: false },
);
export type CheckBody = Static<typeof CheckBody>;

export const KnowledgeSettingsBody = Type.Object(
  {
    topK: Type.Integer({ minimum: 1, maximum: 10, errorMessage: 'Число фрагментов: от 1 до 10' }),
    minSimilarity: Type.Number({ minimum: 0.1, maximum: 0.95, errorMessage: 'Порог фрагментов: от 0,1 до 0,95' }),
    qaSimilarity: Type.Number({ minimum: 0.3, maximum: 0.99, errorMessage: 'Порог пар: от 0,3 до 0,99' }),
  },
  { additionalProperties: false },
);
export type KnowledgeSettingsBody = Static<typeof KnowledgeSettingsBody>;

export const DraftParams = Type.Object({ id: Id, messageId: Id }, { additionalProperties: false });

export const EntryView = Type.Object({
  id: Id,
  kind: Type.Enum(KB_ENTRY_KINDS),
  title: Type.String(),
  /** A pasted document's text; null for a file and a pair. */
  body: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  questions: Type.Array(Type.String()),
  answer: Nullable(Type.String()),
  dialogId: Nullable(Id),
  status: Type.Enum(KB_ENTRY_STATUSES),
  error: Nullable(Type.String()),
  enabled: Type.Boolean(),
  sizeBytes: Type.Integer(),
  chunkCount: Type.Integer(),
  useCount: Type.Integer(),
  lastUsedAt: NullableDateTime,
  indexedAt: NullableDateTime,
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type EntryView = Static<typeof EntryView>;

export const EntryDetailView = Type.Intersect([
  EntryView,
  Type.Object({
    /** The last questions it answered or nearly answered, newest first. */
    recentQuestions: Type.Array(
      Type.Object({ question: Type.String(), score: Nullable(Type.Number()), passed: Type.Boolean(), at: DateTime }),
    ),
  }),
]);
export type EntryDetailView = Static<typeof EntryDetailView>;

export const KnowledgeView = Type.Object({
  entries: Type.Array(EntryView),
  /** Why answers run on less than they could (no vector store, the embedding model down); null when all is well. */
  warning: Nullable(Type.String()),
  search: Type.Object({
    vectors: Nullable(Type.Union([Type.Literal('pgvector'), Type.Literal('qdrant')])),
    model: Type.String(),
  }),
  documents: Type.Object({ used: Type.Integer(), limit: Type.Integer() }),
  settings: KnowledgeSettingsBody,
});
export type KnowledgeView = Static<typeof KnowledgeView>;

const FullText = Nullable(
  Type.Object({ matched: Type.Integer(), total: Type.Integer(), own: Type.Integer(), rank: Type.Number() }),
);

export const CheckView = Type.Object({
  question: Type.String(),
  normalized: Type.String(),
  vectors: Type.Boolean(),
  pairs: Type.Array(
    Type.Object({
      entryId: Id,
      question: Type.String(),
      answer: Type.String(),
      vector: Nullable(Type.Number()),
      fullText: FullText,
      passed: Type.Boolean(),
    }),
  ),
  passages: Type.Array(
    Type.Object({
      entryId: Id,
      title: Type.String(),
      content: Type.String(),
      headingPath: Type.Array(Type.String()),
      vector: Nullable(Type.Number()),
      fullText: FullText,
      trigram: Nullable(Type.Number()),
      passed: Type.Boolean(),
    }),
  ),
  /** What the bot would say (the offline responder's words, or the model's). */
  reply: Type.String(),
  responder: Type.Union([Type.Literal('gateway'), Type.Literal('offline')]),
});
export type CheckView = Static<typeof CheckView>;

export const NearMissesView = Type.Object({
  nearMisses: Type.Array(
    Type.Object({
      question: Type.String(),
      entryId: Nullable(Id),
      entryTitle: Nullable(Type.String()),
      score: Nullable(Type.Number()),
      at: DateTime,
    }),
  ),
});
export type NearMissesView = Static<typeof NearMissesView>;

export const PairDraftView = Type.Object({
  /** The visitor's messages the manager's answer followed, joined. */
  question: Type.String(),
  answer: Type.String(),
  dialogId: Id,
});
export type PairDraftView = Static<typeof PairDraftView>;
