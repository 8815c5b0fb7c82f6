import type { DataSource } from 'typeorm';
import { withAuditContext, currentAuditContextOrNull } from '@peksos/db';
import { DomainError, ErrorCode, unauthenticated, type Actor } from '@peksos/schema-kit';
import { Account } from '../accounts/account.entity.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { AccessSettings } from '../settings.js';
import { Session } from './session.entity.js';

export interface SignedIn {
  account: Account;
  token: string;
  expiresAt: Date;
}

const WRONG = 'Wrong username or password';

/** Verified against when the username is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;

/** Signing in and out, and finding the account behind a session cookie. */
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AccessSettings,
  ) {}

  /**
   * Checks a username and password and opens a session. After `freeFailedSignIns` failures in a row, each further
   * attempt must wait (doubling, up to signInBlockMaxSeconds), even with the right password; a success resets it.
   */
  async signIn(username: string, password: string): Promise<SignedIn> {
    const normalised = username.trim().toLowerCase();
    const account = await this.dataSource.getRepository(Account).findOneBy({ username: normalised });
    if (!account || account.disabledAt) {
      decoyHash ??= hashPassword('decoy password', { costLog2: this.settings.passwordCostLog2 });
      await verifyPassword(password, await decoyHash);
      throw unauthenticated(WRONG);
    }
    const now = Date.now();
    if (account.signInBlockedUntil && account.signInBlockedUntil.getTime() > now) {
      throw tooManyAttempts(Math.ceil((account.signInBlockedUntil.getTime() - now) / 1000));
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      await this.recordFailure(account.id);
      throw unauthenticated(WRONG);
    }

    const token = newSecret();
    const expiresAt = new Date(now + this.settings.sessionHours * 3_600_000);
    // The session is opened by the account itself: the audit log names it, not "anonymous".
    const asAccount = { ...accountAuditContext(account), operation: currentAuditContextOrNull()?.operation ?? 'signIn' };
    await withAuditContext(asAccount, () =>
      this.dataSource.transaction(async (manager) => {
        if (account.failedSignIns > 0) {
          await manager.query(`UPDATE account SET failed_sign_ins = 0, sign_in_blocked_until = NULL WHERE id = $1`, [account.id]);
        }
        await manager.getRepository(Session).insert({ accountId: account.id, tokenHash: hashSecret(token), expiresAt });
      }),
    );
    return { account, token, expiresAt };
  }

  private async recordFailure(accountId: string): Promise<void> {
    const { freeFailedSignIns, signInBlockSeconds, signInBlockMaxSeconds } = this.settings;
    // In a transaction, like every write: the audit trigger learns who from the transaction's start.
    await this.dataSource.transaction((manager) => manager.query(
      `UPDATE account SET failed_sign_ins = failed_sign_ins + 1,
         sign_in_blocked_until = CASE WHEN failed_sign_ins + 1 >= $2
           THEN now() + make_interval(secs => least($3::float8 * power(2, failed_sign_ins + 1 - $2), $4::float8))
           ELSE NULL END
       WHERE id = $1`,
      [accountId, freeFailedSignIns, signInBlockSeconds, signInBlockMaxSeconds],
    ));
  }

  async signOut(sessionId: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      manager.query(`UPDATE session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]),
    );
  }

  /** The account behind a session token, if the session is current and the account may sign in. */
  async authenticate(token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, a.id, a.username, a.role, a.area_code
       FROM session s JOIN account a ON a.id = s.account_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`,
      [hashSecret(token)],
    )) as { session_id: string; id: string; username: string; role: Actor['role']; area_code: string | null }[];
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      actor: { kind: 'account', id: row.id, label: row.username, role: row.role, areaCode: row.area_code, organisationIds: [] },
    };
  }
}

export function accountAuditContext(account: Pick<Account, 'id' | 'username'>) {
  return { actorKind: 'account', actorId: account.id, actorLabel: account.username, operation: null };
}

export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  const error = new DomainError(
    ErrorCode.TOO_MANY_REQUESTS,
    `Too many failed sign-ins: try again in ${retryAfterSeconds} seconds`,
  );
  error.extensions.retryAfterSeconds = retryAfterSeconds;
  return error;
}
