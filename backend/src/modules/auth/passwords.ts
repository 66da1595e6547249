// Password hashing (argon2id, OWASP's recommended parameters) and the rules a new password meets.
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both answers take as long, so response
// times do not tell an attacker which addresses have accounts.
const decoyHash = hashPassword('decoy password, never a real one');

export async function verifyDecoy(password: string): Promise<false> {
  await verifyPassword(await decoyHash, password);
  return false;
}

// Length matters more than composition rules (NIST SP 800-63B); refuse only what is guessed first.
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  'password',
  'password1',
  'passw0rd',
  'qwertyui',
  'qwerty123',
  'qwertyuiop',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3r4',
  'zaq12wsx',
  'asdfghjk',
  'iloveyou',
  'admin123',
  'welcome1',
  'abcd1234',
  '123qweasd',
  'qweasdzxc',
  'йцукенгш',
  'пароль123',
  'password123',
  '12341234',
  '11223344',
  '123123123',
  'aa123456',
  'letmein1',
  'superman',
]);

/** Returns a Russian explanation of what is wrong with the password, or null if it is acceptable. */
export function explainWeakPassword(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов`;
  if (password.trim() !== password) return 'Пароль не должен начинаться или заканчиваться пробелом';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'В пароле слишком мало разных символов';
  if (COMMON.has(lower)) return 'Этот пароль слишком распространён, придумайте другой';
  const email = context.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return 'Пароль не должен совпадать с email';
  return null;
}
