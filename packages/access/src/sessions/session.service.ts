import type { DataSource } from 'typeorm';
import { withAuditContext, currentAuditContextOrNull } from '@peksos/db';
import { unauthenticated, type Actor } from '@peksos/schema-kit';
import { Account } from '../accounts/account.entity.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { AccessSettings } from '../settings.js';
import { Session } from './session.entity.js';
import type { SignInGuard } from './sign-in-guard.js';

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
   * Checks a username and password and opens a session, under the sign-in guard's limits (per address, per username
   * and address, and on hashing; sign-in-guard.ts). A known and an unknown username answer alike: the same refusal,
   * after the same work.
   */
  async signIn(username: string, password: string, guard: SignInGuard, address: string): Promise<SignedIn> {
    const normalised = username.trim().toLowerCase();
    let account: Account | null = null;
    const right = await guard.check({ username: normalised, address }, async () => {
      account = await this.dataSource.getRepository(Account).findOneBy({ username: normalised });
      if (!account || account.disabledAt) {
        decoyHash ??= hashPassword('decoy password', { costLog2: this.settings.passwordCostLog2 });
        await verifyPassword(password, await decoyHash);
        return false;
      }
      return verifyPassword(password, account.passwordHash);
    });
    if (!right || !account) throw unauthenticated(WRONG);
    const signedInAccount: Account = account;

    const token = newSecret();
    const expiresAt = new Date(Date.now() + this.settings.sessionHours * 3_600_000);
    // The session is opened by the account itself: the audit log names it, not "anonymous".
    const asAccount = { ...accountAuditContext(signedInAccount), operation: currentAuditContextOrNull()?.operation ?? 'signIn' };
    await withAuditContext(asAccount, () =>
      this.dataSource.transaction(async (manager) => {
        await manager.getRepository(Session).insert({ accountId: signedInAccount.id, tokenHash: hashSecret(token), expiresAt });
      }),
    );
    return { account: signedInAccount, token, expiresAt };
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
