import { describe, expect, it } from 'vitest';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';
import { RateLimiter } from './http/rate-limiter.js';

describe('passwords', () => {
  it('stores a salted scrypt hash with its parameters, and verifies only the right password', async () => {
    const first = await hashPassword('kata sandi panjang', { costLog2: 10 });
    const second = await hashPassword('kata sandi panjang', { costLog2: 10 });
    expect(first).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toContain('kata sandi');
    expect(first).not.toBe(second); // a salt of its own
    expect(await verifyPassword('kata sandi panjang', first)).toBe(true);
    expect(await verifyPassword('kata sandi panjang!', first)).toBe(false);
    expect(await verifyPassword('kata sandi panjang', 'md5$abc')).toBe(false);
  });

  it('verifies a hash made with other parameters than the current ones', async () => {
    const old = await hashPassword('password lama sekali', { costLog2: 11 });
    expect(await verifyPassword('password lama sekali', old)).toBe(true);
  });

  it('refuses short passwords, very long ones, and ones containing the username', () => {
    expect(() => checkNewPassword('pendek', 'siti')).toThrow(/at least 10/);
    expect(() => checkNewPassword('x'.repeat(201), 'siti')).toThrow(/at most 200/);
    expect(() => checkNewPassword('rahasia-SITI-2026', 'siti')).toThrow(/username/);
    expect(() => checkNewPassword('rahasia-panjang-2026', 'siti')).not.toThrow();
  });
});

describe('rate limiter', () => {
  it('allows the limit per minute and key, then says how long to wait, and starts again next window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0); // another caller has its own count
    now += 30_000;
    expect(limiter.take('a')).toBe(30);
    now += 30_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('does not limit when the limit is 0', () => {
    const limiter = new RateLimiter(0);
    for (let index = 0; index < 1000; index += 1) expect(limiter.take('a')).toBe(0);
  });
});
