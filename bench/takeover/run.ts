// bench/takeover: how soon a manager's takeover and words reach the visitor when the manager's
// instance of the app is not the visitor's. Two instances, A and B, each a process of its own, on
// one fresh PostgreSQL database; DIALOGS visitor sessions, each taken over by its company's owner
// on A, who then writes to them while the visitors' streams are on B, so every event crosses
// through LISTEN/NOTIFY; and, taking turns with them, as many on one instance (the streams on A).
// Times run from the start of the manager's POST to the visitor's SSE event. Loopback only,
// bounded in count and time. Without a PostgreSQL server (BENCH_DATABASE_URL, else this
// machine's) it says so and skips; otherwise it creates a database for the run and drops it.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { updatePerformanceSection } from '../report.ts';

const DIALOGS = Number(process.env.DIALOGS ?? 200);
const COMPANIES = Number(process.env.COMPANIES ?? 20);
const MESSAGES = Number(process.env.MESSAGES ?? 400);
const WARMUP_DIALOGS = 20;
const WARMUP_MESSAGES = 50;
/** Managers' requests per second, both paths together, takeovers and messages alike. */
const RATE = Number(process.env.RATE ?? 40);
/** An event not at the visitor by then is counted lost. */
const ARRIVAL_TIMEOUT_MS = 10_000;
const TARGET_P95_MS = 150;
const TARGET_RATIO = 3;

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`bench/takeover skipped: no PostgreSQL at ${adminUrl} (${(error as Error).message})`);
  process.exit(0);
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const children: ChildProcess[] = [];

function startInstance(databaseUrl: string): Promise<string> {
  const child = fork(here('./instance.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`an instance exited with ${code}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

let clients = 0;
/** Each visitor and manager has an address of its own, as behind a proxy (the limits are per address). */
const nextIp = () => {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};

interface Manager {
  ip: string;
  cookie: string;
  csrfToken: string;
  widgetKey: string;
}

/** A company on the Free plan; its owner is the manager who takes its dialogs over. */
async function signUpCompany(url: string, index: number): Promise<Manager> {
  const ip = nextIp();
  const response = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({
      companyName: `Бенчмарк ${index}`,
      name: `Менеджер ${index}`,
      email: `bench-takeover-${index}-${randomBytes(4).toString('hex')}@example.ru`,
      password: 'Бенчмарк-2026',
    }),
  });
  if (response.status !== 201) throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const settings = await fetch(`${url}/api/widget/settings`, { headers: { cookie, 'x-forwarded-for': ip } });
  const { widgetKey } = (await settings.json()) as { widgetKey: string };
  return { ip, cookie, csrfToken, widgetKey };
}

/** Who waits for which event, by a key: `state:<session>` for a takeover, the text for a message. */
type Waiters = Map<string, (at: number) => void>;

function arrivalOf(waiters: Waiters, key: string): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(key);
      resolve(null);
    }, ARRIVAL_TIMEOUT_MS);
    waiters.set(key, (at) => {
      clearTimeout(timer);
      waiters.delete(key);
      resolve(at);
    });
  });
}

/** Reads an SSE response, calling `onEvent` per event, until it ends or is aborted. */
async function listen(response: Response, onEvent: (event: string, data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) onEvent(event, data);
      }
    }
  } catch {
    // aborted at the end of the run
  }
}

interface Dialog {
  manager: Manager;
  sessionId: string;
}

/** A visitor on `url`: a session of the widget, and its event stream open there. */
async function openDialog(url: string, manager: Manager, waiters: Waiters, signal: AbortSignal): Promise<Dialog> {
  const ip = nextIp();
  const started = await fetch(`${url}/api/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ key: manager.widgetKey, visitorId: randomBytes(12).toString('base64url') }),
  });
  if (started.status !== 201) throw new Error(`session: ${started.status} ${await started.text()}`);
  const { sessionId, token } = (await started.json()) as { sessionId: string; token: string };
  // The server subscribes before it answers, so an event sent after this resolves is not missed.
  const stream = await fetch(`${url}/api/widget/sessions/${sessionId}/events?key=${manager.widgetKey}&token=${token}`, {
    signal,
    headers: { 'x-forwarded-for': ip },
  });
  if (stream.status !== 200) throw new Error(`stream: ${stream.status}`);
  void listen(stream, (event, data) => {
    const at = performance.now();
    const payload = JSON.parse(data) as { state?: string; role?: string; content?: string };
    if (event === 'state' && payload.state === 'operator') waiters.get(`state:${sessionId}`)?.(at);
    if (event === 'message' && payload.role === 'operator') waiters.get(payload.content as string)?.(at);
  });
  return { manager, sessionId };
}

interface Sample {
  /** From the start of the POST to the visitor's event; null when it never came. */
  toVisitor: number | null;
  /** From the start of the POST to its answer. */
  answered: number;
  ok: boolean;
}

/** A manager's POST on `url`, timed to its answer and to the visitor's event `awaited`. */
async function managerPost(
  url: string,
  dialog: Dialog,
  action: 'take' | 'messages',
  body: object,
  awaited: Promise<number | null>,
): Promise<Sample> {
  const { manager } = dialog;
  const started = performance.now();
  const response = await fetch(`${url}/api/dialogs/${dialog.sessionId}/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: manager.cookie,
      'x-csrf-token': manager.csrfToken,
      'x-forwarded-for': manager.ip,
    },
    body: JSON.stringify(body),
  });
  const answered = performance.now() - started;
  await response.arrayBuffer();
  const arrived = await awaited;
  return { toVisitor: arrived === null ? null : arrived - started, answered, ok: response.ok };
}

/** `count` sends, started RATE a second whatever the ones before are doing. */
async function paced(count: number, send: (index: number) => Promise<Sample>): Promise<Sample[]> {
  const started = performance.now();
  const all: Promise<Sample>[] = [];
  for (let index = 0; index < count; index++) {
    const wait = started + (index * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    all.push(send(index));
  }
  return Promise.all(all);
}

interface Path {
  label: string;
  /** Where the visitors' sessions and streams are; the managers are always on A. */
  streamsOn: string;
}

interface Outcome {
  takeovers: Sample[];
  messages: Sample[];
}

/**
 * `dialogs` visitors on each path, taken over and then written to `messages` times a path by the
 * managers on `managersOn`. The paths take turns request by request, so whatever else the machine
 * is doing meanwhile falls on both alike.
 */
async function measure(
  managersOn: string,
  paths: Path[],
  managers: Manager[],
  counts: { dialogs: number; messages: number },
): Promise<Outcome[]> {
  const waiters: Waiters = new Map();
  const streams = new AbortController();
  try {
    const dialogs = await Promise.all(
      paths.map((path) =>
        Promise.all(
          Array.from({ length: counts.dialogs }, (_, index) =>
            openDialog(path.streamsOn, managers[index % managers.length] as Manager, waiters, streams.signal),
          ),
        ),
      ),
    );
    // Request `index` goes to path index % paths, and is that path's request number `turn`.
    const turns = (total: number, send: (path: number, turn: number) => Promise<Sample>) =>
      paced(total * paths.length, (index) => send(index % paths.length, Math.floor(index / paths.length)));
    const ofPath = (samples: Sample[], path: number) => samples.filter((_, index) => index % paths.length === path);

    const takeovers = await turns(counts.dialogs, (path, turn) => {
      const dialog = dialogs[path]?.[turn] as Dialog;
      return managerPost(managersOn, dialog, 'take', {}, arrivalOf(waiters, `state:${dialog.sessionId}`));
    });
    const messages = await turns(counts.messages, (path, turn) => {
      const text = `${paths[path]?.label}: сообщение менеджера №${turn}`;
      const dialog = dialogs[path]?.[turn % counts.dialogs] as Dialog;
      return managerPost(managersOn, dialog, 'messages', { text }, arrivalOf(waiters, text));
    });
    return paths.map((_, path) => ({ takeovers: ofPath(takeovers, path), messages: ofPath(messages, path) }));
  } finally {
    streams.abort();
  }
}

const name = `aimax_bench_takeover_${process.pid}`;
// What else the machine was doing: on a shared one, the tails say more about it than about the app.
const loadAtStart = os.loadavg()[0] ?? 0;
try {
  const { rows } = await admin.query<{ server_version: string }>('show server_version');
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Both start at once, as a deployment's instances do: the migrations run once, under the lock.
  const [a, b] = await Promise.all([startInstance(url.toString()), startInstance(url.toString())]);
  const managers: Manager[] = [];
  for (let index = 0; index < COMPANIES; index++) managers.push(await signUpCompany(a, index));

  const paths: Path[] = [
    { label: 'A → B', streamsOn: b },
    { label: 'A', streamsOn: a },
  ];
  // A round not counted first: the instances' code is compiled and their pools are filled.
  await measure(a, paths, managers, { dialogs: WARMUP_DIALOGS, messages: WARMUP_MESSAGES });
  const [across, single] = (await measure(a, paths, managers, { dialogs: DIALOGS, messages: MESSAGES })) as [
    Outcome,
    Outcome,
  ];

  const delivered = (samples: Sample[]) =>
    samples.filter((sample) => sample.ok && sample.toVisitor !== null).map((sample) => sample.toVisitor as number);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const row = (path: string, what: string, samples: Sample[]) => {
    const times = delivered(samples);
    const lost = samples.filter((sample) => sample.ok && sample.toVisitor === null).length;
    const failed = samples.filter((sample) => !sample.ok).length;
    const answered = samples.filter((sample) => sample.ok).map((sample) => sample.answered);
    return `| ${path} | ${what} | ${samples.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(percentile(times, 99))} | ${ms(Math.max(...times))} | ${ms(percentile(answered, 50))} | ${lost} | ${failed} |`;
  };
  const acrossP95 = percentile(delivered(across.messages), 95);
  const singleP95 = percentile(delivered(single.messages), 95);
  const ratio = acrossP95 / singleP95;
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${rows[0]?.server_version}; load average ${loadAtStart.toFixed(1)} at the start`;
  const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.
Two instances of the app, A and B, each a process of its own, on one PostgreSQL database; the bench
(visitors and managers) is a third process; loopback only. ${managers.length} companies; on each of the two paths
${DIALOGS} visitor sessions, which their company's owner takes over on A («Перехватить диалог»,
\`POST /api/dialogs/:id/take\`) and then writes to (\`POST /api/dialogs/:id/messages\`, round-robin,
${MESSAGES} messages). "Across instances": the visitors' sessions and streams on B, so each event goes
A → NOTIFY → B. "One instance": on A, which sends them. The two paths take turns request by request,
${RATE} requests a second in all, after a round of ${WARMUP_DIALOGS} dialogs and ${WARMUP_MESSAGES} messages a path not counted. Each
time runs from the start of the manager's POST to the visitor's SSE event (\`state\` for a takeover,
\`message\` for the words). "Lost": never reached the visitor within ${ARRIVAL_TIMEOUT_MS / 1000} s.

| path | from the POST to the visitor | count | p50 | p95 | p99 | max | POST answered, p50 | lost | failed |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row('across instances (A → B)', 'takeover → `state`', across.takeovers)}
${row('across instances (A → B)', 'message → `message`', across.messages)}
${row('one instance (A)', 'takeover → `state`', single.takeovers)}
${row('one instance (A)', 'message → `message`', single.messages)}

- Target: a message across instances under ${TARGET_P95_MS} ms at p95 — ${acrossP95 < TARGET_P95_MS ? 'met' : 'NOT met'} (${ms(acrossP95)}).
- Target: across instances within ${TARGET_RATIO}× of one instance at p95 — ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'} (**${ratio.toFixed(2)}×**).`;
  updatePerformanceSection(
    'takeover',
    'Takeover: a manager’s words reach the visitor across instances (`bench/takeover`)',
    body,
  );
  console.log(body);
} finally {
  for (const child of children) child.kill();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
