import type { DataSource, EntityManager } from 'typeorm';
import { assertUuid, badInput, conflict, lockForUpdate, notFound } from '@peksos/schema-kit';
import { AccessRole } from '../roles.js';
import { checkNewPassword, hashPassword, verifyPassword } from '../passwords.js';
import type { SignInGuard } from '../sessions/sign-in-guard.js';
import type { AccessSettings } from '../settings.js';
import { Account } from './account.entity.js';
import type { CreateAccountInput, UpdateAccountInput } from './account.input.js';

export interface NewAccount {
  username: string;
  displayName: string;
  role: AccessRole;
  areaCode?: string | null;
  password: string;
}

/** Staff accounts: creating, changing, disabling; passwords. Sign-in itself is in SessionService. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: Pick<AccessSettings, 'passwordCostLog2'>,
  ) {}

  list(): Promise<Account[]> {
    return this.dataSource.getRepository(Account).find({ order: { username: 'ASC' } });
  }

  async get(id: string, field = 'id', db: DataSource | EntityManager = this.dataSource): Promise<Account> {
    assertUuid(id, 'Account', field);
    const account = await db.getRepository(Account).findOneBy({ id });
    if (!account) throw notFound('Account', id, field);
    return account;
  }

  /** Creates an account; in `db`'s transaction when given one (the demo accounts are created all or none). */
  async create(input: CreateAccountInput | NewAccount, db: DataSource | EntityManager = this.dataSource): Promise<Account> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
      throw badInput('username', 'username must be 3 to 64 lower-case letters, digits, . _ or -');
    }
    checkNewPassword(input.password, username);
    const passwordHash = await hashPassword(input.password, { costLog2: this.settings.passwordCostLog2 });
    return db.transaction(async (manager) => {
      const areaCode = await this.checkedRoleArea(manager, input.role, input.areaCode ?? null);
      if (await manager.getRepository(Account).findOneBy({ username })) {
        throw conflict(`The username ${username} is taken`, 'username');
      }
      const repository = manager.getRepository(Account);
      return repository.save(
        repository.create({ username, displayName: input.displayName.trim(), role: input.role, areaCode, passwordHash }),
      );
    });
  }

  async update(id: string, input: UpdateAccountInput, actingAccountId: string | null): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = await lockForUpdate(manager, Account, id, { what: 'Account', expectedVersion: input.expectedVersion });
      const role = input.role ?? account.role;
      const areaCode =
        input.areaCode !== undefined ? input.areaCode : role === AccessRole.COORDINATOR ? account.areaCode : null;
      account.areaCode = await this.checkedRoleArea(manager, role, areaCode);
      account.role = role;
      if (input.displayName !== undefined) account.displayName = input.displayName.trim();
      if (input.disabled !== undefined) {
        if (input.disabled && id === actingAccountId) throw badInput('disabled', 'You cannot disable your own account');
        account.disabledAt = input.disabled ? (account.disabledAt ?? new Date()) : null;
      }
      if (id === actingAccountId && role !== AccessRole.ADMIN) {
        throw badInput('role', 'You cannot take the admin role from your own account');
      }
      const saved = await manager.getRepository(Account).save(account);
      if (saved.disabledAt) await revokeSessionsOf(manager, id);
      return saved;
    });
  }

  /** An admin sets a new password (for a forgotten one); the account's sessions end. */
  async setPassword(id: string, password: string): Promise<Account> {
    const account = await this.get(id);
    checkNewPassword(password, account.username);
    const passwordHash = await hashPassword(password, { costLog2: this.settings.passwordCostLog2 });
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockForUpdate(manager, Account, id, { what: 'Account' });
      locked.passwordHash = passwordHash;
      await revokeSessionsOf(manager, id);
      return manager.getRepository(Account).save(locked);
    });
  }

  /**
   * Someone changes their own password; their other sessions end. The current password is checked under the sign-in
   * guard, so a session someone else took cannot guess it: wrong ones count as failed sign-ins of the account from
   * that address.
   */
  async changeOwnPassword(
    id: string,
    currentPassword: string,
    newPassword: string,
    keepSessionId: string | null,
    attempt: { guard: SignInGuard; address: string },
  ) {
    const account = await this.get(id);
    const right = await attempt.guard.check({ username: account.username, address: attempt.address }, () =>
      verifyPassword(currentPassword, account.passwordHash),
    );
    if (!right) throw badInput('currentPassword', 'The current password is not right');
    checkNewPassword(newPassword, account.username, 'newPassword');
    const passwordHash = await hashPassword(newPassword, { costLog2: this.settings.passwordCostLog2 });
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockForUpdate(manager, Account, id, { what: 'Account' });
      locked.passwordHash = passwordHash;
      await revokeSessionsOf(manager, id, keepSessionId);
      return manager.getRepository(Account).save(locked);
    });
  }

  /** Whether the installation has any account yet (the first-admin command and the demo accounts ask). */
  async count(): Promise<number> {
    return this.dataSource.getRepository(Account).count();
  }

  private async checkedRoleArea(manager: EntityManager, role: AccessRole, areaCode: string | null): Promise<string | null> {
    if (role === AccessRole.PARTNER) throw badInput('role', 'Partners use API keys, not accounts');
    if (!Object.values(AccessRole).includes(role)) throw badInput('role', 'Unknown role');
    if (role !== AccessRole.COORDINATOR) {
      if (areaCode) throw badInput('areaCode', 'Only a coordinator has an area');
      return null;
    }
    if (!areaCode) throw badInput('areaCode', 'A coordinator needs the area they manage');
    const rows = (await manager.query(`SELECT 1 FROM area WHERE code = $1`, [areaCode])) as unknown[];
    if (rows.length === 0) throw notFound('Area', areaCode, 'areaCode');
    return areaCode;
  }
}

/** Ends an account's sessions (all, or all but one). */
export async function revokeSessionsOf(manager: EntityManager, accountId: string, exceptSessionId: string | null = null) {
  await manager.query(
    `UPDATE session SET revoked_at = now()
     WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now() AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [accountId, exceptSessionId],
  );
}
