// bench/dashboard: the conversion dashboard of one company with 100 000 visitor sessions, all
// within the last 30 days (the worst case for the 30-day view), on the embedded PGlite and, when
// one is reachable, on PostgreSQL (BENCH_DATABASE_URL, or this machine's server; a fresh database
// is created for the run and dropped after). Times the dashboard's queries in their transaction,
// and the whole API request, against the issue's target of 50 ms.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import type { Database } from '../../backend/src/db/database.ts';
import { getConversionDashboard } from '../../backend/src/modules/analytics/dashboard.ts';
import type { DashboardQuery } from '../../backend/src/modules/analytics/schemas.ts';
import { createTestServices } from '../../backend/test/support/app.ts';
import { type Driver, onEachDatabase, percentile } from '../databases.ts';
import { updatePerformanceSection } from '../report.ts';
import { seedDashboard } from './seed.ts';

const SESSIONS = Number(process.env.SESSIONS ?? 100_000);
const DAYS = 30;
const RUNS = Number(process.env.RUNS ?? 30);
const TARGET_MS = 50;

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

interface Measured {
  seedSeconds: number;
  rows: string;
  service: Record<string, number[]>;
  api: number[];
}

async function measure(db: Database): Promise<Measured> {
  const config = loadConfig({
    PUBLIC_URL: 'http://127.0.0.1:0',
    LOG_LEVEL: 'silent',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-dashboard-')),
  });
  const services = await createTestServices(config);
  const app = await buildApp({ config, db, ...services });
  try {
    const signUp = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { companyName: 'Бенчмарк', email: `bench-${Date.now()}@example.ru`, password: 'Бенчмарк-2026' },
    });
    const tenantId = signUp.json().tenant.id as string;
    const cookie = signUp.cookies.find((c) => c.name === 'aimax_session')?.value;

    const seeding = performance.now();
    await seedDashboard(db, { tenantId, sessions: SESSIONS, days: DAYS });
    const seedSeconds = (performance.now() - seeding) / 1000;

    const periods: [string, DashboardQuery][] = [
      ['30 days', { period: '30d' }],
      ['7 days', { period: '7d' }],
      ['today', { period: 'today' }],
    ];
    const service: Record<string, number[]> = {};
    let figures = '';
    for (const [name, query] of periods) {
      service[name] = await timed(() =>
        db.withTenant(tenantId, (tx) => getConversionDashboard(tx, { tenantId }, query)),
      );
      if (name === '30 days') {
        const view = await db.withTenant(tenantId, (tx) => getConversionDashboard(tx, { tenantId }, query));
        const event = (stage: string) => view.funnel.find((each) => each.stage === stage)?.count ?? 0;
        const count = (value: number) => value.toLocaleString('en');
        figures = `${count(event('opened'))} opened, ${count(event('started'))} dialogs, ${count(event('contacts'))} leads, ${count(view.dialogs.takenOver)} taken over, ${count(view.firstReply.answered + view.firstReply.unanswered)} waits for a manager`;
      }
    }
    const api = await timed(async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/dashboard?period=30d',
        headers: { cookie: `aimax_session=${cookie}` },
      });
      if (response.statusCode !== 200) throw new Error(`GET /api/dashboard: ${response.statusCode} ${response.body}`);
    });
    return { seedSeconds, rows: figures, service, api };
  } finally {
    await app.close();
    await services.pdf.close();
  }
}

function report(driver: Driver, result: Measured): void {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const thirty = result.service['30 days'] ?? [];
  const row = (name: string, times: number[]) =>
    `| ${name} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |`;
  const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; database: ${driver}.
One company with ${SESSIONS.toLocaleString('en')} visitor sessions, all within the last ${DAYS} days, seeded set-based in
${result.seedSeconds.toFixed(1)} s with what such traffic leaves: the funnel's events and daily counts, the greeting,
questions and answers, takeovers and managers' replies, leads (the 30-day view counted ${result.rows}).
"Queries" is \`getConversionDashboard\` in its tenant transaction (the company's settings and time zone, the
period's daily counts, its dialogs with a manager); "API" is \`GET /api/dashboard?period=30d\` through the
app, the session's lookup and the JSON included.
${RUNS} runs each after 3 to warm up.

| run | p50 | p95 | max |
| --- | --- | --- | --- |
${Object.entries(result.service)
  .map(([name, times]) => row(`queries, ${name}`, times))
  .join('\n')}
${row('API, 30 days', result.api)}

- Target: the 30-day dashboard under ${TARGET_MS} ms — ${percentile(thirty, 95) < TARGET_MS ? 'met' : 'NOT met'} (p95 ${ms(percentile(thirty, 95))}).`;
  updatePerformanceSection(
    `dashboard-${driver}`,
    `Conversion dashboard on 100 000 sessions, ${driver === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} (\`bench/dashboard\`)`,
    body,
  );
  console.log(body);
}

await onEachDatabase('bench/dashboard', async (db, driver) => report(driver, await measure(db)));
