import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verificationSnippets } from './webhookSnippets';

type Verify = (rawBody: string | Buffer, signatureHeader: string, secret: string) => boolean;

/** The snippet's own function, run as the owner's server would run it. */
function snippetVerifier(): Verify {
  const code = verificationSnippets.node;
  const start = code.indexOf('export function isSignedByAimax');
  const end = code.indexOf('\n}\n', start) + 2;
  const body = code.slice(start, end).replace('export ', '');
  return new Function('crypto', 'Buffer', `${body}\nreturn isSignedByAimax;`)(crypto, Buffer) as Verify;
}

/** The header as the backend signs a request. */
const signatureOf = (body: string, secret: string, t = Math.floor(Date.now() / 1000)) =>
  `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('the Node.js verification snippet', () => {
  const verify = snippetVerifier();
  const secret = 'whsec_test';
  const body = JSON.stringify({ event: 'lead.created', lead: { name: 'Анна' } });

  it('accepts a request signed with the secret, its body as a string or as bytes', () => {
    expect(verify(body, signatureOf(body, secret), secret)).toBe(true);
    expect(verify(Buffer.from(body), signatureOf(body, secret), secret)).toBe(true);
  });

  it('refuses another body, another secret, an old request and a header that is no signature', () => {
    expect(verify(`${body} `, signatureOf(body, secret), secret)).toBe(false);
    expect(verify(body, signatureOf(body, 'other'), secret)).toBe(false);
    expect(verify(body, signatureOf(body, secret, Math.floor(Date.now() / 1000) - 301), secret)).toBe(false);
    expect(verify(body, '', secret)).toBe(false);
    expect(verify(body, 't=abc,v1=00', secret)).toBe(false);
  });
});
