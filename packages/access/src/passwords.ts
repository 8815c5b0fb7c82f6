import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badInput } from '@peksos/schema-kit';

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Password hashing with scrypt (OWASP's parameters: N = 2^17, r = 8, p = 1; 128 MiB and ~0.3 s per hash). The
 * parameters are stored with each hash, so a stronger setting applies to new passwords without breaking old ones.
 * Tests lower the cost with `costLog2`.
 */
export interface PasswordHashing {
  costLog2: number;
}

export const DEFAULT_PASSWORD_COST_LOG2 = 17;
const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export async function hashPassword(password: string, hashing: PasswordHashing): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** hashing.costLog2;
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: BLOCK_SIZE, p: 1, maxmem: 256 * N * BLOCK_SIZE });
  return `scrypt$${hashing.costLog2}$${BLOCK_SIZE}$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costLog2, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const N = 2 ** Number(costLog2);
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt!, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(actual, expected);
}

/** The rules a new password must meet; refuses naming the field. */
export function checkNewPassword(password: string, username: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw badInput(field, `A password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw badInput(field, `A password may have at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw badInput(field, 'A password must not contain the username');
  }
}
