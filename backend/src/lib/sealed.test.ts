import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './sealed.ts';

describe('sealed secrets', () => {
  const key = randomBytes(32);
  const token = '123456789:AAExampleTokenThatIsTheBotsPassword_x';

  it('opens what it sealed, and never shows the plaintext', () => {
    const sealed = seal(key, token);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('AAExample');
    expect(unseal(key, sealed)).toBe(token);
    expect(seal(key, token)).not.toBe(sealed);
  });

  it('refuses another key, a changed value and a foreign format', () => {
    const sealed = seal(key, token);
    expect(() => unseal(randomBytes(32), sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    expect(() => unseal(key, `v1.${bytes.toString('base64url')}`)).toThrow();
    expect(() => unseal(key, token)).toThrow(/unknown format/);
  });
});
