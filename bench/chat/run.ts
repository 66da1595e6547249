// bench/chat: N visitors chatting at once through the whole stack (session, message, AI reply
// streamed over SSE) against a fake gateway with a fixed time to first token, beside a bare
// Fastify SSE relay of the same gateway in the same run. Reports messages per second and the
// latency each adds to the first token. Loopback only, bounded in visitors and time.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { updatePerformanceSection } from '../report.ts';

const VISITORS = Number(process.env.VISITORS ?? 200);
/**
 * Visitors for the knowledge comparison: few enough for the app to keep up on two cores, where at
 * VISITORS the first token waits in a queue and «with» and «without» differ by the queue.
 */
const KNOWLEDGE_VISITORS = Number(process.env.KNOWLEDGE_VISITORS ?? 40);
const SECONDS = Number(process.env.SECONDS ?? 30);
const THINK_MS = 3000;
const FIRST_TOKEN_MS = 50;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const children: ChildProcess[] = [];

function spawn<T>(file: string, env: NodeJS.ProcessEnv): Promise<T> {
  const child = fork(here(file), { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Reads an SSE response, calling `onEvent` per event, until the response ends or is aborted. */
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

interface Outcome {
  added: number[];
  /** The visitors of companies with a knowledge base, and those of companies without. */
  withKnowledge: number[];
  withoutKnowledge: number[];
  messages: number;
  errors: number;
  seconds: number;
}

/** One visitor's loop: ask, wait for the first token and for the end of the answer, think, repeat. */
type Conversation = (
  ip: string,
  index: number,
  until: number,
  record: (ttft: number, knowledge?: boolean) => void,
) => Promise<number>;

async function load(conversation: Conversation, visitors = VISITORS): Promise<Outcome> {
  const added: number[] = [];
  const withKnowledge: number[] = [];
  const withoutKnowledge: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const counts = await Promise.all(
    Array.from({ length: visitors }, async (_, index) => {
      const ip = `10.${1 + Math.floor(index / 250)}.${index % 250}.${1 + (index % 7)}`;
      // Visitors arrive over the first few seconds, not in one instant.
      await new Promise((resolve) => setTimeout(resolve, (index / visitors) * THINK_MS));
      try {
        return await conversation(ip, index, until, (ttft, knowledge) => {
          added.push(ttft - FIRST_TOKEN_MS);
          (knowledge ? withKnowledge : withoutKnowledge).push(ttft - FIRST_TOKEN_MS);
        });
      } catch {
        errors++;
        return 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { added, withKnowledge, withoutKnowledge, messages: counts.reduce((a, b) => a + b, 0), errors, seconds };
}

/** Waits for the first token and the end of one answer. */
function answerWatcher() {
  let resolveFirst: () => void = () => {};
  let resolveDone: () => void = () => {};
  return {
    arm() {
      const first = new Promise<void>((resolve) => {
        resolveFirst = resolve;
      });
      const done = new Promise<void>((resolve) => {
        resolveDone = resolve;
      });
      return { first, done };
    },
    token: () => resolveFirst(),
    done: () => resolveDone(),
  };
}

const product =
  (url: string, keys: string[], knowledgeKeys: Set<string>): Conversation =>
  async (ip, index, until, record) => {
    const key = keys[index % keys.length] as string;
    const knowledge = knowledgeKeys.has(key);
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip };
    const started = await fetch(`${url}/api/widget/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ key, visitorId: randomBytes(12).toString('base64url') }),
    });
    if (started.status !== 201) throw new Error(`session: ${started.status}`);
    const session = (await started.json()) as { sessionId: string; token: string };
    const controller = new AbortController();
    const watcher = answerWatcher();
    const stream = await fetch(
      `${url}/api/widget/sessions/${session.sessionId}/events?key=${key}&token=${session.token}`,
      {
        signal: controller.signal,
        headers: { 'x-forwarded-for': ip },
      },
    );
    const listening = listen(stream, (event, data) => {
      if (event === 'token') watcher.token();
      if (event === 'message' && JSON.parse(data).data?.replyId) watcher.done();
    });
    let sent = 0;
    while (performance.now() < until) {
      const { first, done } = watcher.arm();
      const t0 = performance.now();
      const response = await fetch(`${url}/api/widget/sessions/${session.sessionId}/messages`, {
        method: 'POST',
        headers: { ...headers, 'x-widget-key': key, authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ text: 'Сколько длится ремонт?' }),
      });
      if (response.status !== 202) throw new Error(`message: ${response.status}`);
      await first;
      record(performance.now() - t0, knowledge);
      await done;
      sent++;
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
    controller.abort();
    await listening;
    return sent;
  };

const bare =
  (url: string): Conversation =>
  async (_ip, index, until, record) => {
    const id = `visitor-${index}`;
    const controller = new AbortController();
    let firstSeen: () => void = () => {};
    let tokens = 0;
    const stream = await fetch(`${url}/sse/${id}`, { signal: controller.signal });
    const listening = listen(stream, (event) => {
      if (event === 'token') {
        tokens++;
        firstSeen();
      }
    });
    let sent = 0;
    while (performance.now() < until) {
      const first = new Promise<void>((resolve) => {
        firstSeen = resolve;
      });
      const t0 = performance.now();
      await fetch(`${url}/msg/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Сколько длится ремонт?' }),
      });
      await first;
      record(performance.now() - t0);
      firstSeen = () => {};
      // The answer's remaining tokens, then the same think time as the product's visitors.
      await new Promise((resolve) => setTimeout(resolve, 60));
      sent++;
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
    controller.abort();
    await listening;
    return tokens > 0 ? sent : 0;
  };

try {
  const gateway = await spawn<{ url: string }>('./gateway.ts', { FIRST_TOKEN_MS: String(FIRST_TOKEN_MS) });
  const app = await spawn<{
    url: string;
    keys: string[];
    knowledgeKeys: string[];
    chunksPerCompany: number;
    driver: string;
  }>('./app.ts', { GATEWAY_URL: gateway.url });
  const relay = await spawn<{ url: string }>('./bare.ts', { GATEWAY_URL: gateway.url });

  const baseline = await load(bare(relay.url));
  const measured = await load(product(app.url, app.keys, new Set(app.knowledgeKeys)));
  const light = await load(product(app.url, app.keys, new Set(app.knowledgeKeys)), KNOWLEDGE_VISITORS);

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const row = (name: string, outcome: Outcome) =>
    `| ${name} | ${ms(percentile(outcome.added, 50))} | ${ms(percentile(outcome.added, 99))} | ${(outcome.messages / outcome.seconds).toFixed(1)} | ${outcome.messages} | ${outcome.errors} |`;
  const p50 = percentile(measured.added, 50);
  const retrieval = percentile(light.withKnowledge, 50) - percentile(light.withoutKnowledge, 50);
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; database: ${app.driver}.
${VISITORS} visitors for ${SECONDS} s, spread over ${app.keys.length} companies, each asking a question, waiting for the
streamed answer, thinking ${THINK_MS / 1000} s, and asking again. The fake gateway sends its first token ${FIRST_TOKEN_MS} ms
after the request. "Added" is the time from sending the message to the first token arriving at the visitor,
minus those ${FIRST_TOKEN_MS} ms. The gateway, the app and the bare relay each run in a process of their own;
the visitors run in the bench's process.

| run | added to first token, p50 | p99 | messages/s | messages | failed visitors |
| --- | --- | --- | --- | --- | --- |
${row('bare Fastify SSE relay (the limit)', baseline)}
${row('AI Max: widget API, database, transcript, SSE', measured)}

Half of the companies have a knowledge base (a price list and three curated answers, ${app.chunksPerCompany} chunks
each, the local embedder), and their visitors' question finds a curated answer; the others' visitors ask the same
with no knowledge to search. Added to the first token, p50: ${ms(percentile(measured.withKnowledge, 50))} with
knowledge (${measured.withKnowledge.length} messages), ${ms(percentile(measured.withoutKnowledge, 50))} without (${measured.withoutKnowledge.length}).
The same with ${KNOWLEDGE_VISITORS} visitors (${(light.messages / light.seconds).toFixed(1)} messages/s), a load this machine keeps up with:
${ms(percentile(light.withKnowledge, 50))} with knowledge (${light.withKnowledge.length} messages), ${ms(percentile(light.withoutKnowledge, 50))} without (${light.withoutKnowledge.length}).

- Target: under 10 ms p50 at 200 concurrent visitors — ${p50 < 10 ? 'met' : 'NOT met'} (${ms(p50)}).
- Target (issue 13): retrieval adds under 15 ms p50 to the first token, at ${KNOWLEDGE_VISITORS} visitors — ${retrieval < 15 ? 'met' : 'NOT met'} (${ms(retrieval)}).`;
  updatePerformanceSection(
    `chat-${app.driver}`,
    `Chat: time to first token under load, ${app.driver === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} (\`bench/chat\`)`,
    body,
  );
  console.log(body);
} finally {
  for (const child of children) child.kill();
}
