import { describe, expect, it } from 'vitest';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';

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
