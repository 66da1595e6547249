import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { createMailTransport, emlFilePath } from './transport.ts';

describe('createMailTransport', () => {
  it('uses SMTP when SMTP_URL is set, and .eml files otherwise', () => {
    expect(createMailTransport(testConfig({ SMTP_URL: 'smtp://mail.example.ru:587' })).kind).toBe('smtp');
    expect(createMailTransport(testConfig({ DATA_DIR: os.tmpdir() })).kind).toBe('file');
  });

  it('writes each message as a parseable .eml file named by its date and outbox id', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-mail-'));
    const transport = createMailTransport(testConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Биллинг <billing@aimax.ru>' }));
    const email = {
      id: randomUUID(),
      createdAt: new Date('2026-12-09T07:05:03.123Z'),
      to: ['owner@example.ru'],
      subject: 'Счёт № 2026-0001',
      html: '<p>Счёт во вложении</p>',
      text: 'Счёт во вложении',
      attachments: [{ filename: 'Счёт.pdf', content: Buffer.from('%PDF-1.7'), contentType: 'application/pdf' }],
    };

    const { messageId } = await transport.send(email);
    const file = emlFilePath(dataDir, email);
    expect(path.basename(file)).toBe(`20261209T070503Z-${email.id}.eml`);
    expect(await readdir(path.join(dataDir, 'mail'))).toEqual([path.basename(file)]);

    const raw = await readFile(file);
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(`<${email.id}@aimax.ru>`);
    expect(messageId).toBe(parsed.messageId);
    expect(parsed.from?.value).toEqual([{ name: 'Биллинг', address: 'billing@aimax.ru' }]);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.text?.trim()).toBe(email.text);
    expect(parsed.attachments[0]?.filename).toBe('Счёт.pdf');
    expect(parsed.attachments[0]?.content.toString()).toBe('%PDF-1.7');

    // A second attempt of the same email replaces its file.
    await transport.send(email);
    expect(await readdir(path.join(dataDir, 'mail'))).toHaveLength(1);
  });
});
