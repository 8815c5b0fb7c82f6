import { assertActorMay, isUuid, type Actor, type Queryable } from '@peksos/schema-kit';

/**
 * The workforce module's rules about which rows an actor may change, asked of the database (the SQL functions of
 * migrations/1764400095000-workforce-row-security.ts, which the tables' policies call too), so a service refuses with
 * FORBIDDEN naming the field exactly what the database would refuse. Each passes an unknown or malformed id, so the
 * service reports it as NOT_FOUND on its own field.
 */

/** An organisation is managed by the coordinator of its area (and admins). */
export async function assertManagesOrganisation(db: Queryable, actor: Actor, organisationId: string, field: string): Promise<void> {
  if (!isUuid(organisationId)) return;
  await assertActorMay(db, actor, 'workforce_manages_organisation', organisationId, field);
}

/**
 * A worker, their personal data and certificates are managed by the coordinator of their home area (and admins);
 * where they are placed does not matter: placing a worker hands nothing over.
 */
export async function assertManagesWorker(db: Queryable, actor: Actor, workerId: string, field: string, message?: string): Promise<void> {
  if (!isUuid(workerId)) return;
  await assertActorMay(db, actor, 'workforce_manages_worker', workerId, field, message);
}
