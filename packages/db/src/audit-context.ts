import { AsyncLocalStorage } from 'node:async_hooks';
import { EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';

/**
 * Who is changing the registry, and through which operation. The audit triggers (see the access module's migration)
 * read it from the PostgreSQL setting `peksos.audit_context`, which every transaction sets at its start from the
 * context of the code that opened it. Writes made outside any context are recorded as the `system`.
 */
export interface AuditContext {
  /** `account`, `api_key`, `anonymous` or `system`. */
  actorKind: string;
  actorId: string | null;
  /** A name a person recognises: the username, the key's name. */
  actorLabel: string;
  /** The GraphQL mutation or command being run, once known. */
  operation: string | null;
}

const currentAuditContext = new AsyncLocalStorage<AuditContext>();

const SYSTEM: AuditContext = { actorKind: 'system', actorId: null, actorLabel: 'system', operation: null };

/** Runs work on behalf of an actor: every transaction it opens records them as the author of its changes. */
export function withAuditContext<T>(context: AuditContext, work: () => T): T {
  return currentAuditContext.run(context, work);
}

/** The context of the running work (the same object for the whole request, so an operation name can be set on it). */
export function currentAuditContextOrNull(): AuditContext | null {
  return currentAuditContext.getStore() ?? null;
}

/**
 * Sets the audit context inside every transaction, as a transaction-local setting (gone at commit or rollback).
 * TypeORM instantiates only the classes of `subscribers` that carry @EventSubscriber(): without it, no transaction
 * had the setting and every change was recorded as made directly in the database.
 */
@EventSubscriber()
export class AuditContextSubscriber implements EntitySubscriberInterface {
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    // Only the outermost transaction: savepoints inside it share its setting.
    if ((event.queryRunner as { transactionDepth?: number }).transactionDepth !== 1) return;
    const context = currentAuditContext.getStore() ?? SYSTEM;
    await event.queryRunner.query(`SELECT set_config('peksos.audit_context', $1, true)`, [JSON.stringify(context)]);
  }
}
