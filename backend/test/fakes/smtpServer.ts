// A real SMTP server on loopback (smtp-server: plain text, any or no credentials) that parses each
// message it accepts with mailparser and keeps it. `goDown()` makes it answer every new
// connection with 421 (service not available), as a mail server in trouble does, until
// `comeBack()`; the listener stays up, so the port and the URL never change.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface FakeSmtpServer {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Every message accepted, parsed, in order of arrival. */
  messages: ParsedMail[];
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** From now on, refuse connections with `421` until comeBack(). */
  goDown(): void;
  comeBack(): void;
  /** Connections refused while down. */
  readonly refused: number;
  /** Forgets the messages received so far. */
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeSmtpServer(): Promise<FakeSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let down = false;
  let refused = 0;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onConnect(_session, callback) {
      if (!down) return callback();
      refused += 1;
      callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} messages within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    goDown() {
      down = true;
    },
    comeBack() {
      down = false;
    },
    get refused() {
      return refused;
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
