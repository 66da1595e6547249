// The process: configuration, database (migrated), first-run set-up, then the HTTP server.
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { loadAppSecret } from './lib/appSecret.ts';
import { createDomainChecker } from './modules/domains/dns.ts';
import { recheckDomains } from './modules/domains/recheckDay.ts';
import { runBillingDay } from './modules/invoices/billingDay.ts';
import { scheduleDaily } from './modules/jobs/scheduler.ts';
import { createPdfEngine } from './modules/pdf/pdfEngine.ts';
import { bootstrapPlatform } from './modules/platform/bootstrap.ts';
import { createObjectStore } from './modules/storage/s3Service.ts';

const config = loadConfig(process.env, { dotenv: true });
const logger = pino({
  level: config.logLevel,
  ...(process.stdout.isTTY && config.env !== 'production' ? { transport: { target: 'pino-pretty' } } : {}),
});

let db: Awaited<ReturnType<typeof connectDatabase>>;
try {
  db = await connectDatabase(config, logger);
  await db.migrate();
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : error);
  process.exit(1);
}

const bootstrap = await bootstrapPlatform(db, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
const secret = await loadAppSecret(config);
const store = createObjectStore(config, secret);
const pdf = createPdfEngine({
  chromePath: config.chromePath,
  pages: config.pdfPages,
  timeoutMs: config.pdfTimeoutMs,
  log: logger,
});
const app = await buildApp({ config, db, store, pdf, logger, secret });

let jobs: ReturnType<typeof scheduleDaily> | undefined;
/** A step of the stop; one that takes long says so, so a slow stop can be told apart from a stuck one. */
async function stopping(step: string, work: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  // Said while it still runs too: a stop killed at the deadline otherwise never names its step.
  const stuck = setTimeout(() => logger.warn(`stopping: ${step} still running after 5 s`), 5_000);
  try {
    await work();
  } finally {
    clearTimeout(stuck);
  }
  const took = Date.now() - started;
  if (took > 2_000) logger.warn(`stopping: ${step} took ${took} ms`);
}

// A stop waits for requests, renders and job runs in flight (a Chromium still starting is killed,
// not waited for, and one slow to close is killed after 5 s); 25 s stays inside the usual 30 s an
// orchestrator grants.
closeWithGrace({ delay: 25_000, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'shutting down after an error');
  else logger.info(`${signal} received, shutting down`);
  await stopping('the jobs', async () => jobs?.stop());
  await stopping('the HTTP server', () => app.close());
  await stopping('the PDF browser', () => pdf.close());
  await stopping('the database', () => db.close());
});

await app.listen({ port: config.port, host: config.host });
// Warm the PDF browser without holding up the start; without Chromium the rest still works.
void pdf.warmUp();
const domainChecker = createDomainChecker({ resolvers: config.domains.resolvers, targets: config.domains });
jobs = scheduleDaily(
  [
    { name: 'billing-day', run: () => runBillingDay({ db, publicUrl: config.publicUrl, outbox: app.outbox }) },
    { name: 'domain-recheck', run: () => recheckDomains({ db, config, checker: domainChecker, outbox: app.outbox }) },
  ],
  { hour: config.billingJobHour, timezone: 'Europe/Moscow', log: logger },
);

const lines = [
  `AI Max is running at ${config.publicUrl}`,
  `  admin panel: ${config.publicUrl}/admin   API docs: ${config.publicUrl}/api/docs`,
  `  database:    ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/db`}`,
  `  files:       ${config.s3 ? `S3 bucket ${config.s3.bucket} at ${config.s3.endpoint}` : `local disk in ${config.dataDir}/files`}`,
  `  mail:        ${config.mail.smtpUrl ? `SMTP at ${new URL(config.mail.smtpUrl).host}` : `.eml files in ${config.dataDir}/mail (set SMTP_URL to send)`}`,
  `  AI:          ${config.llm.apiKey ? `${config.llm.model} via ${config.llm.baseUrl}` : 'offline responder (set LLM_API_KEY for the gateway)'}`,
];
if (bootstrap.adminCreated) {
  lines.push(`  superadmin:  ${config.adminEmail}`);
  if (bootstrap.generatedAdminPassword) {
    lines.push(`  password:    ${bootstrap.generatedAdminPassword}   (shown once: keep it, or set ADMIN_PASSWORD)`);
  }
}
console.log(`\n${lines.join('\n')}\n`);
