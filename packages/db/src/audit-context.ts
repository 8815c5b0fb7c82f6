import { AsyncLocalStorage } from 'node:async_hooks';
import { EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';
import { APPLICATION_ROLE, isOwnerQueryRunner } from './application-role.js';

/**
 * Who is changing the registry, through which operation, and with which rights. Every transaction sets it at its
 * start, as transaction-local settings, from the context of the code that opened it:
 * - `peksos.audit_context`: who and through which operation, read by the audit triggers;
 * - `peksos.actor_role` and `peksos.actor_area`: what the tables' row-level security policies allow (docs/access.md).
 * Work outside any context is recorded as the `system` but has no rights: it may change no row of the registry.
 */
export interface AuditContext {
  /** `account`, `api_key`, `anonymous` or `system`. */
  actorKind: string;
  actorId: string | null;
  /** A name a person recognises: the username, the key's name. */
  actorLabel: string;
  /** The GraphQL mutation or command being run, once known. */
  operation: string | null;
  /** The actor's role (`admin`, `coordinator`, `viewer`, `partner`): what the policies allow. None: no rights. */
  role?: string | null;
  /** A coordinator's area (Kemendagri code). */
  areaCode?: string | null;
}

const currentAuditContext = new AsyncLocalStorage<AuditContext>();

const UNATTRIBUTED: AuditContext = { actorKind: 'system', actorId: null, actorLabel: 'system', operation: null };

/** Runs work on behalf of an actor: every transaction it opens records them as the author and holds them to their rights. */
export function withAuditContext<T>(context: AuditContext, work: () => T): T {
  return currentAuditContext.run(context, work);
}

/** The context of the running work (the same object for the whole request, so an operation name can be set on it). */
export function currentAuditContextOrNull(): AuditContext | null {
  return currentAuditContext.getStore() ?? null;
}

/**
 * The server itself, with an admin's rights: data sets, and commands the operator runs at the server's shell. Only
 * code that the operator starts (never a request) runs as the system.
 */
export function systemContext(operation: string | null, actorLabel = 'system'): AuditContext {
  return { actorKind: 'system', actorId: null, actorLabel, operation, role: 'admin', areaCode: null };
}

/**
 * Sets the context inside every transaction, as transaction-local settings (gone at commit or rollback), and makes the
 * transaction act as the application role even if its connection was left otherwise. TypeORM instantiates only the
 * classes of `subscribers` that carry @EventSubscriber(): without it, no transaction had the setting and every change
 * was recorded as made directly in the database.
 */
@EventSubscriber()
export class AuditContextSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    // Only the outermost transaction: savepoints inside it share its setting.
    if ((event.queryRunner as { transactionDepth?: number }).transactionDepth !== 1) return;
    const context = currentAuditContext.getStore() ?? UNATTRIBUTED;
    const audit = JSON.stringify({
      actorKind: context.actorKind,
      actorId: context.actorId,
      actorLabel: context.actorLabel,
      operation: context.operation,
    });
    if (isOwnerQueryRunner(event.queryRunner)) {
      // Migrations and maintenance: the owner's transaction, recorded as such, with no actor rights to set.
      await event.queryRunner.query(`SELECT set_config('peksos.audit_context', $1, true)`, [audit]);
      return;
    }
    await event.queryRunner.query(
      `SELECT set_config('peksos.audit_context', $1, true), set_config('peksos.actor_role', $2, true),
              set_config('peksos.actor_area', $3, true), set_config('role', '${APPLICATION_ROLE}', true)`,
      [audit, context.role ?? '', context.areaCode ?? ''],
    );
  }
}
