// Typed configuration from the environment. Every variable has an embedded default, so a bare
// `npm start` runs with no configuration at all; production swaps drivers by setting variables.
import { isIP, isIPv4, isIPv6 } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema } from 'env-schema';
import { type Static, Type } from 'typebox';

/** Where YooKassa sends its notifications from (https://yookassa.ru/developers/using-api/webhooks). */
const YOOKASSA_PUBLISHED_RANGES = [
  '185.71.76.0/27',
  '185.71.77.0/27',
  '77.75.153.0/25',
  '77.75.156.11',
  '77.75.156.35',
  '77.75.154.128/25',
  '2a02:5180::/32',
];

const EnvSchema = Type.Object({
  NODE_ENV: Type.String({ default: 'development' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_MAX: Type.Integer({ default: 10, minimum: 1 }),
  DATA_DIR: Type.Optional(Type.String()),
  ADMIN_EMAIL: Type.String({ default: 'admin@aimax.local' }),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  SESSION_TTL_DAYS: Type.Integer({ default: 14, minimum: 1 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  APP_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  S3_REGION: Type.String({ default: 'ru-1' }),
  S3_BUCKET: Type.Optional(Type.String({ minLength: 3 })),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: true }),
  SIGNED_URL_TTL_SECONDS: Type.Integer({ default: 300, minimum: 10, maximum: 604_800 }),
  LLM_BASE_URL: Type.String({ default: 'https://routerai.ru/api/v1', pattern: '^https?://' }),
  LLM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  LLM_MODEL: Type.String({ default: 'openai/gpt-4o-mini', pattern: '^[\\w.-]+/[\\w.:-]+$' }),
  LLM_FALLBACK_MODEL: Type.Optional(Type.String({ pattern: '^[\\w.-]+/[\\w.:-]+$' })),
  LLM_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 1000 }),
  EMBEDDING_MODEL: Type.Optional(Type.String({ pattern: '^[\\w.-]+/[\\w.:-]+$' })),
  EMBEDDING_DIMENSIONS: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  QDRANT_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  QDRANT_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  CHROME_PATH: Type.Optional(Type.String()),
  PDF_PAGES: Type.Integer({ default: 2, minimum: 1, maximum: 16 }),
  PDF_TIMEOUT_MS: Type.Integer({ default: 15_000, minimum: 1000 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'AI Max <noreply@aimax.local>', minLength: 3 }),
  TELEGRAM_API_URL: Type.String({ default: 'https://api.telegram.org', pattern: '^https?://' }),
  TELEGRAM_POLL_TIMEOUT_SECONDS: Type.Integer({ default: 25, minimum: 0, maximum: 50 }),
  BILLING_JOB_HOUR: Type.Integer({ default: 9, minimum: 0, maximum: 23 }),
  POWERED_BY_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DNS_RESOLVERS: Type.Optional(Type.String()),
  PLATFORM_CNAME_TARGET: Type.Optional(Type.String({ minLength: 1 })),
  PLATFORM_IPV4: Type.Optional(Type.String()),
  PLATFORM_IPV6: Type.Optional(Type.String()),
  DOMAIN_GRACE_DAYS: Type.Integer({ default: 7, minimum: 1, maximum: 90 }),
  AMOCRM_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  AMOCRM_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  AMOCRM_BASE_DOMAIN: Type.String({ default: 'amocrm.ru', pattern: '^[a-z0-9.-]+$' }),
  AMOCRM_AUTHORIZE_URL: Type.String({ default: 'https://www.amocrm.ru/oauth', pattern: '^https?://' }),
  AMOCRM_ACCOUNT_URL: Type.Optional(Type.String({ pattern: '^https?://.*\\{subdomain\\}' })),
  YOOKASSA_SHOP_ID: Type.Optional(Type.String({ minLength: 1 })),
  YOOKASSA_SECRET_KEY: Type.Optional(Type.String({ minLength: 1 })),
  YOOKASSA_API_URL: Type.String({ default: 'https://api.yookassa.ru/v3', pattern: '^https?://' }),
  YOOKASSA_WIDGET_URL: Type.String({
    default: 'https://yookassa.ru/checkout-widget/v1/checkout-widget.js',
    pattern: '^https?://',
  }),
  YOOKASSA_NOTIFICATION_IPS: Type.String({ default: YOOKASSA_PUBLISHED_RANGES.join(',') }),
  YOOKASSA_RECEIPTS: Type.Boolean({ default: false }),
  YOOKASSA_TAX_SYSTEM_CODE: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1000, maximum: 60_000 }),
  WEBHOOK_ALLOW_PRIVATE: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  env: string;
  port: number;
  host: string;
  /** Where users reach the app; used in links we hand out (invites) and for the Secure cookie flag. */
  publicUrl: string;
  /** Unset means the embedded PGlite database in `dataDir/db`. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  adminEmail: string;
  adminPassword: string | undefined;
  sessionTtlMs: number;
  trustProxy: boolean;
  /** Keys for signing and encryption derive from it; unset means one generated in dataDir. */
  appSecret: string | undefined;
  /** Unset means files on local disk under `dataDir/files`. */
  s3: S3Config | undefined;
  signedUrlTtlSeconds: number;
  /** The OpenAI-compatible gateway; without a key the offline responder answers. */
  llm: {
    baseUrl: string;
    apiKey: string | undefined;
    model: string;
    fallbackModel: string | undefined;
    timeoutMs: number;
  };
  /**
   * Embeddings through the same gateway when a model is named (and LLM_API_KEY is set); otherwise
   * the local embedder. `dimensions` unset: asked of the model at start.
   */
  embeddings: { model: string | undefined; dimensions: number | undefined };
  /** Knowledge vectors in Qdrant when `url` is set; else pgvector, where the database has it. */
  qdrant: { url: string | undefined; apiKey: string | undefined };
  chromePath: string | undefined;
  pdfPages: number;
  pdfTimeoutMs: number;
  /** Outgoing mail: SMTP when `smtpUrl` is set, else each message as an `.eml` file in `dataDir/mail`. */
  mail: { smtpUrl: string | undefined; from: string };
  /** The Bot API (a fake in tests) and how long one `getUpdates` long poll waits. */
  telegram: { apiUrl: string; pollTimeoutSeconds: number };
  logLevel: string;
  /** The hour, Moscow time, of the daily billing job (reminders, expirations). */
  billingJobHour: number;
  /** Where the widget's «Работает на AI Max» leads: the platform's page for companies. */
  poweredByUrl: string;
  /**
   * Companies' own domains: the resolvers their DNS is asked through (empty: the system's), and
   * what the records must point at: a CNAME to `cnameTarget` (by default PUBLIC_URL's host), or,
   * for an apex, A/AAAA records with the platform's addresses. A verified domain whose records
   * stop pointing at the platform is disabled after `graceDays` of failed daily checks.
   */
  domains: { resolvers: string[]; cnameTarget: string; ipv4: string[]; ipv6: string[]; graceDays: number };
  /**
   * The platform's amoCRM integration (null without a client id and secret: nobody can connect).
   * An account `acme` is reached at `accountUrl` with `{subdomain}` replaced; the OAuth callback's
   * `referer` must be `<subdomain>.<baseDomain>`.
   */
  amocrm: {
    clientId: string;
    clientSecret: string;
    baseDomain: string;
    authorizeUrl: string;
    accountUrl: string;
  } | null;
  /**
   * Outgoing webhooks: how long a receiver has to answer, and whether private addresses are allowed
   * (tests' loopback receivers only; refused with NODE_ENV=production).
   */
  webhooks: { timeoutMs: number; allowPrivate: boolean };
  /**
   * Online payment of invoices through YooKassa; null unless both the shop id and the secret key
   * are set. Notifications count only from `notificationIps` (addresses or CIDR ranges). With
   * `receipts`, each payment carries a 54-ФЗ receipt (`taxSystemCode` when the shop needs it).
   */
  yookassa: {
    shopId: string;
    secretKey: string;
    apiUrl: string;
    widgetUrl: string;
    notificationIps: string[];
    receipts: boolean;
    taxSystemCode: number | undefined;
  } | null;
}

export interface S3Config {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** S3 is on when any of its variables is set, and then all the required ones must be. */
function s3From(env: Env): S3Config | undefined {
  const missing = S3_REQUIRED.filter((name) => !env[name]);
  if (missing.length === S3_REQUIRED.length) return undefined;
  if (missing.length > 0) throw new Error(`S3 storage is partly configured: set ${missing.join(', ')} as well`);
  return {
    endpoint: env.S3_ENDPOINT as string,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET as string,
    accessKeyId: env.S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY as string,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}

// backend/src/config.ts and backend/dist/config.js sit at the same depth, so `../../data` is the
// repository's data folder whichever of them runs, and whatever the working directory.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `dotenv`: also read `.env` at the repository root (variables already set win). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: { dotenv?: boolean } = {}): Config {
  const dotenv = options.dotenv ? { path: path.join(repoRoot, '.env') } : false;
  const env = envSchema<Env>({ schema: EnvSchema, data: source, env: false, dotenv });
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data')),
    adminEmail: env.ADMIN_EMAIL.trim().toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD,
    sessionTtlMs: env.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    trustProxy: env.TRUST_PROXY,
    appSecret: env.APP_SECRET,
    s3: s3From(env),
    signedUrlTtlSeconds: env.SIGNED_URL_TTL_SECONDS,
    llm: {
      baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''),
      apiKey: env.LLM_API_KEY,
      model: env.LLM_MODEL,
      fallbackModel: env.LLM_FALLBACK_MODEL,
      timeoutMs: env.LLM_TIMEOUT_MS,
    },
    embeddings: { model: env.EMBEDDING_MODEL, dimensions: env.EMBEDDING_DIMENSIONS },
    qdrant: { url: env.QDRANT_URL?.replace(/\/+$/, ''), apiKey: env.QDRANT_API_KEY },
    chromePath: env.CHROME_PATH,
    pdfPages: env.PDF_PAGES,
    pdfTimeoutMs: env.PDF_TIMEOUT_MS,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    telegram: {
      apiUrl: env.TELEGRAM_API_URL.replace(/\/+$/, ''),
      pollTimeoutSeconds: env.TELEGRAM_POLL_TIMEOUT_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    billingJobHour: env.BILLING_JOB_HOUR,
    poweredByUrl: env.POWERED_BY_URL ?? `${publicUrl}/admin/signup`,
    domains: {
      resolvers: addressList(env.DNS_RESOLVERS, 'DNS_RESOLVERS', (item) => isIP(resolverHost(item)) !== 0),
      cnameTarget: (env.PLATFORM_CNAME_TARGET ?? new URL(publicUrl).hostname).toLowerCase().replace(/\.$/, ''),
      ipv4: addressList(env.PLATFORM_IPV4, 'PLATFORM_IPV4', (item) => isIPv4(item)),
      ipv6: addressList(env.PLATFORM_IPV6, 'PLATFORM_IPV6', (item) => isIPv6(item)),
      graceDays: env.DOMAIN_GRACE_DAYS,
    },
    amocrm: amocrmFrom(env),
    webhooks: { timeoutMs: env.WEBHOOK_TIMEOUT_MS, allowPrivate: webhookPrivateFrom(env) },
    yookassa: yookassaFrom(env),
  };
}

function yookassaFrom(env: Env): Config['yookassa'] {
  const { YOOKASSA_SHOP_ID: shopId, YOOKASSA_SECRET_KEY: secretKey } = env;
  if (!shopId && !secretKey) return null;
  if (!shopId || !secretKey)
    throw new Error('YooKassa is partly configured: set YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY');
  return {
    shopId,
    secretKey,
    apiUrl: env.YOOKASSA_API_URL.replace(/\/+$/, ''),
    widgetUrl: env.YOOKASSA_WIDGET_URL,
    notificationIps: addressList(env.YOOKASSA_NOTIFICATION_IPS, 'YOOKASSA_NOTIFICATION_IPS', isAddressOrRange),
    receipts: env.YOOKASSA_RECEIPTS,
    taxSystemCode: env.YOOKASSA_TAX_SYSTEM_CODE,
  };
}

const isAddressOrRange = (item: string) => {
  const [address, bits, ...rest] = item.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

function amocrmFrom(env: Env): Config['amocrm'] {
  const { AMOCRM_CLIENT_ID: clientId, AMOCRM_CLIENT_SECRET: clientSecret } = env;
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret)
    throw new Error('amoCRM is partly configured: set AMOCRM_CLIENT_ID and AMOCRM_CLIENT_SECRET');
  return {
    clientId,
    clientSecret,
    baseDomain: env.AMOCRM_BASE_DOMAIN,
    authorizeUrl: env.AMOCRM_AUTHORIZE_URL,
    accountUrl: (env.AMOCRM_ACCOUNT_URL ?? `https://{subdomain}.${env.AMOCRM_BASE_DOMAIN}`).replace(/\/+$/, ''),
  };
}

// A webhook to a private address reaches into our own network: tests only.
function webhookPrivateFrom(env: Env): boolean {
  if (env.WEBHOOK_ALLOW_PRIVATE && env.NODE_ENV === 'production') {
    throw new Error('WEBHOOK_ALLOW_PRIVATE is for tests: it is refused with NODE_ENV=production');
  }
  return env.WEBHOOK_ALLOW_PRIVATE;
}

/** A resolver's address without its port: `1.2.3.4:53`, `[::1]:53`, or a bare address. */
function resolverHost(item: string): string {
  const bracketed = /^\[(.+)\](?::\d+)?$/.exec(item);
  if (bracketed) return bracketed[1] as string;
  if (isIP(item) !== 0) return item;
  return /^(.+):\d+$/.exec(item)?.[1] ?? item;
}

/** A comma-separated list of addresses, each checked at start rather than at the first use. */
function addressList(value: string | undefined, name: string, valid: (item: string) => boolean): string[] {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const wrong = items.find((item) => !valid(item));
  if (wrong) throw new Error(`${name}: «${wrong}» is not an IP address`);
  return items;
}
