// The process as a newcomer runs it: no configuration, the embedded database in a data folder,
// first-run credentials printed once, a graceful stop, and everything still there after a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, uniqueEmail } from '../support/clients.ts';

const backendDir = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  // Node itself, with tsx as a loader: the tsx command relays SIGTERM with a 30 ms wait for the
  // child to claim it, and kills it outright when a busy machine takes longer.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: backendDir,
    env: { ...inherited, ...env, LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('AI Max is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code} before starting:\n${output}`));
    });
  });
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('main: the process with embedded defaults', () => {
  it('starts, prints the first-run login once, stops gracefully and keeps its data', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-main-'));
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const env = { DATA_DIR: dataDir, PORT: String(port) };

    const first = await start(env);
    expect(first.output()).toContain(`AI Max is running at ${base}`);
    expect(first.output()).toContain(`embedded PGlite in ${dataDir}/db`);
    const password = /password:\s+(\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();

    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).text()).toContain('Ремонт Плюс (демо)');
    expect((await post(`${base}/api/auth/login`, { email: 'admin@aimax.local', password })).status).toBe(200);
    const email = uniqueEmail('kept');
    expect(
      (await post(`${base}/api/auth/signup`, { companyName: 'Останется', email, password: STRONG_PASSWORD })).status,
    ).toBe(201);
    expect(await stop(first.child), first.output()).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toContain('password:');
    expect((await post(`${base}/api/auth/login`, { email, password: STRONG_PASSWORD })).status).toBe(200);
    expect((await post(`${base}/api/auth/login`, { email: 'admin@aimax.local', password })).status).toBe(200);
    expect(await stop(second.child), second.output()).toBe(0);
  }, 60_000);
});
