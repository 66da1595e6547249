// How an email leaves the app: SMTP through Nodemailer when SMTP_URL is set, otherwise (the
// embedded default) each message is written as an `.eml` file under `dataDir/mail`, where the
// superadmin's outbox lists it. Both build the same MIME message; only the last step differs.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** One outbox row, ready to go: its id names the message (Message-ID) and its `.eml` file. */
export interface OutgoingEmail {
  id: string;
  createdAt: Date;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** Resolves once the SMTP server accepted the message (or the file is written). */
  send(email: OutgoingEmail, options?: { signal?: AbortSignal }): Promise<{ messageId: string }>;
  close(): void;
}

export const MAIL_FOLDER = 'mail';

/**
 * Where the file transport keeps an email: `<dataDir>/mail/<created, UTC>-<id>.eml`. Both parts
 * come from the row, so the file is found again from the row alone, names sort by time, and a
 * repeated attempt overwrites its own file rather than adding a second one.
 */
export function emlFilePath(dataDir: string, email: { id: string; createdAt: Date }): string {
  const stamp = email.createdAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return path.join(dataDir, MAIL_FOLDER, `${stamp}-${email.id}.eml`);
}

// The outbox id as Message-ID: a message sent twice (at-least-once delivery) carries the same id
// both times, which lets mail clients recognise the copy.
const messageIdFor = (id: string, from: string) => `<${id}@${/@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'aimax.local'}>`;

const messageOf = (email: OutgoingEmail, from: string) => ({
  from,
  to: email.to,
  subject: email.subject,
  html: email.html,
  text: email.text,
  messageId: messageIdFor(email.id, from),
  // RFC 3834: an automatic notice; out-of-office replies should not answer it.
  headers: { 'Auto-Submitted': 'auto-generated' },
  attachments: email.attachments.map((attachment) => ({
    filename: attachment.filename,
    content: attachment.content,
    contentType: attachment.contentType,
  })),
});

export function createMailTransport(config: Pick<Config, 'dataDir' | 'mail'>): MailTransport {
  return config.mail.smtpUrl
    ? createSmtpTransport(config.mail.smtpUrl, config.mail.from)
    : createFileTransport(config.dataDir, config.mail.from);
}

function createSmtpTransport(url: string, from: string): MailTransport {
  // Nodemailer's socket timeout defaults to 10 minutes; the outbox's claim on a row must outlast
  // a send, so a dead server has to fail well within it.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 45_000,
  });
  return {
    kind: 'smtp',
    async send(email, options = {}) {
      const info = await transporter.sendMail({ ...messageOf(email, from), signal: options.signal });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

function createFileTransport(dataDir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(email, options = {}) {
      options.signal?.throwIfAborted();
      const info = await transporter.sendMail(messageOf(email, from));
      const file = emlFilePath(dataDir, email);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so the outbox never serves half a file.
      const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
      try {
        await writeFile(partial, info.message as Buffer);
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}
