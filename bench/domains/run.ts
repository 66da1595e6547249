// bench/domains: the answers by name a request for a company's own domain waits on, with 10 000
// companies' domains claimed (a tenth of them still unproven): Caddy's TLS hook
// (GET /api/domains/tls-check, no cache, one indexed lookup) and a widget request by Host on a
// served domain (the Host lookup remembered, then the widget's own work). On the embedded PGlite
// and, when one is reachable, on PostgreSQL (BENCH_DATABASE_URL, or this machine's server; a fresh
// database for the run, dropped after). The target: the hook answers in a few ms.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import type { Database } from '../../backend/src/db/database.ts';
import { createTestServices } from '../../backend/test/support/app.ts';
import { type Driver, onEachDatabase, percentile } from '../databases.ts';
import { updatePerformanceSection } from '../report.ts';

const DOMAINS = Number(process.env.DOMAINS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 500);
const TARGET_MS = 5;

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Companies on Business, each with its domain: every tenth only claimed, the rest verified. */
async function seed(db: Database): Promise<void> {
  await db.withPlatform({ actorUserId: null, action: 'bench.domains' }, async (tx) => {
    await tx.execute(sql`
      insert into tenants (name, widget_key, plan, plan_expires_at)
      select 'Бенчмарк ' || n, 'wk_bench_' || n, 'business', now() + interval '1 year'
      from generate_series(1, ${DOMAINS}) as n`);
    await tx.execute(sql`
      insert into tenant_domains (tenant_id, hostname, token, status, verified_at)
      select t.id, 'chat.company-' || substr(t.widget_key, 10) || '.ru', md5(t.id::text),
             case when substr(t.widget_key, 10)::int % 10 = 0 then 'pending' else 'verified' end,
             case when substr(t.widget_key, 10)::int % 10 = 0 then null else now() end
      from tenants as t where t.widget_key like 'wk_bench_%'`);
  });
}

async function timed(run: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return times;
}

async function measure(db: Database): Promise<Record<string, number[]>> {
  const config = loadConfig({
    PUBLIC_URL: 'http://127.0.0.1:0',
    LOG_LEVEL: 'silent',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-domains-')),
  });
  const services = await createTestServices(config);
  const app = await buildApp({ config, db, ...services });
  try {
    await seed(db);
    // Names spread over the table, as Caddy would ask for them: company n's domain is verified
    // unless n is a multiple of ten.
    const spread = (i: number) => ((i * 7919) % (DOMAINS / 10)) * 10;
    const verified = (i: number) => spread(i) + 1 + (i % 9);
    const claimed = (i: number) => spread(i) + 10;
    const nameOf = (n: number) => `chat.company-${n}.ru`;
    let request = 0;
    const expect = async (url: string, status: number, headers: Record<string, string> = {}) => {
      // Visitors from many addresses, as the widget's traffic is, under the per-address limits.
      request += 1;
      const remoteAddress = `10.${(request >> 16) & 255}.${(request >> 8) & 255}.${request & 255}`;
      const response = await app.inject({ method: 'GET', url, headers, remoteAddress });
      if (response.statusCode !== status) throw new Error(`GET ${url}: ${response.statusCode}, not ${status}`);
    };
    return {
      'TLS hook, a verified domain': await timed((i) =>
        expect(`/api/domains/tls-check?domain=${nameOf(verified(i))}`, 200),
      ),
      'TLS hook, a claimed one': await timed((i) => expect(`/api/domains/tls-check?domain=${nameOf(claimed(i))}`, 404)),
      'TLS hook, a name nobody claimed': await timed((i) =>
        expect(`/api/domains/tls-check?domain=nobody-${i}.example.ru`, 404),
      ),
      'widget config by Host': await timed((i) =>
        expect(`/api/widget/config?key=wk_bench_${verified(i)}`, 200, { host: nameOf(verified(i)) }),
      ),
      'widget config on the platform host': await timed((i) =>
        expect(`/api/widget/config?key=wk_bench_${verified(i)}`, 200, { host: '127.0.0.1' }),
      ),
    };
  } finally {
    await app.close();
    await services.pdf.close();
  }
}

function report(driver: Driver, result: Record<string, number[]>): void {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const hook = result['TLS hook, a verified domain'] ?? [];
  const row = ([name, times]: [string, number[]]) =>
    `| ${name} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |`;
  const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; database: ${driver}.
${DOMAINS.toLocaleString('en')} companies on Business, each with its domain (every tenth only claimed). Each request
through the app (\`app.inject\`), ${RUNS} runs after 20 to warm up, names spread over the table. The hook has no
cache. A request by Host remembers a name for 15 s, but these names rarely repeat within a run, so
the difference between the two widget rows is one uncached lookup of the name.

| request | p50 | p95 | max |
| --- | --- | --- | --- |
${Object.entries(result).map(row).join('\n')}

- Target: the TLS hook answers in a few milliseconds (here: under ${TARGET_MS} ms at p95) — ${percentile(hook, 95) < TARGET_MS ? 'met' : 'NOT met'} (p95 ${ms(percentile(hook, 95))}).`;
  updatePerformanceSection(
    `domains-${driver}`,
    `Own domains: the TLS hook and requests by Host, ${driver === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} (\`bench/domains\`)`,
    body,
  );
  console.log(body);
}

await onEachDatabase('bench/domains', async (db, driver) => report(driver, await measure(db)));
