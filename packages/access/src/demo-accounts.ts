import type { DataSource } from 'typeorm';
import { AccessRole } from './roles.js';
import { AccountService, type NewAccount } from './accounts/account.service.js';
import type { AccessSettings } from './settings.js';

/** The password of the demo accounts: printed at start, for trying the embedded demo only. */
export const DEMO_PASSWORD = 'peksos-demo-2026';

/** One account per staff role, so a newcomer can see what each role sees. */
export const DEMO_ACCOUNTS: Omit<NewAccount, 'password'>[] = [
  { username: 'admin', displayName: 'Admin Dinsos (demo)', role: AccessRole.ADMIN },
  { username: 'koordinator', displayName: 'Koordinator Cimahi Utara (demo)', role: AccessRole.COORDINATOR, areaCode: '32.77.03' },
  { username: 'pengamat', displayName: 'Pengamat (demo)', role: AccessRole.VIEWER },
];

/**
 * Creates the demo accounts on an installation that has no account yet (the embedded demo; never in production,
 * which the configuration refuses). Returns whether it created them.
 */
export async function ensureDemoAccounts(dataSource: DataSource, settings: AccessSettings): Promise<boolean> {
  const accounts = new AccountService(dataSource, settings);
  if ((await accounts.count()) > 0) return false;
  for (const account of DEMO_ACCOUNTS) {
    const areaExists = !account.areaCode || ((await dataSource.query(`SELECT 1 FROM area WHERE code = $1`, [account.areaCode])) as unknown[]).length > 0;
    if (areaExists) await accounts.create({ ...account, password: DEMO_PASSWORD });
  }
  return true;
}
