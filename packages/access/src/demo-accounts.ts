import type { DataSource } from 'typeorm';
import { AccessRole } from './roles.js';
import { Account } from './accounts/account.entity.js';
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

/** Serialises two servers starting at once on one empty PostgreSQL database. */
const DEMO_ACCOUNTS_LOCK_KEY = 7_734_002;

/**
 * Creates the demo accounts on an installation that has no account yet (the embedded demo; never in production,
 * which the configuration refuses), in one transaction: all of them or, if anything fails or the process is killed
 * meanwhile, none (and the next start tries again). Returns whether it created them.
 */
export async function ensureDemoAccounts(dataSource: DataSource, settings: AccessSettings): Promise<boolean> {
  const accounts = new AccountService(dataSource, settings);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [DEMO_ACCOUNTS_LOCK_KEY]);
    if ((await manager.getRepository(Account).count()) > 0) return false;
    for (const account of DEMO_ACCOUNTS) {
      const areaExists = !account.areaCode || ((await manager.query(`SELECT 1 FROM area WHERE code = $1`, [account.areaCode])) as unknown[]).length > 0;
      if (areaExists) await accounts.create({ ...account, password: DEMO_PASSWORD }, manager);
    }
    return true;
  });
}

/** The demo accounts that exist and are not disabled: what the start banner may offer. */
export async function existingDemoAccounts(dataSource: DataSource): Promise<typeof DEMO_ACCOUNTS> {
  const rows = (await dataSource.query(`SELECT username, role FROM account WHERE username = ANY($1::text[]) AND disabled_at IS NULL`, [
    DEMO_ACCOUNTS.map((account) => account.username),
  ])) as { username: string; role: string }[];
  return DEMO_ACCOUNTS.filter((account) => rows.some((row) => row.username === account.username && row.role === account.role));
}
