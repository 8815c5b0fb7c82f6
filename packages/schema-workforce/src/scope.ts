import type { DataSource, EntityManager } from 'typeorm';
import { assertManagesArea, isUuid, isWithinArea, type Actor } from '@peksos/schema-kit';
import { assignmentActiveSql } from './sql.js';

type Db = DataSource | EntityManager;

/**
 * Whether an actor may change things of an organisation: admins anywhere, coordinators when it lies in their area.
 * An unknown organisation passes, so the service reports it as NOT_FOUND on its own field.
 */
export async function assertManagesOrganisation(db: Db, actor: Actor, organisationId: string, field: string): Promise<void> {
  if (actor.role === 'admin') return;
  // A malformed id is an unknown organisation (the service names the field); a well-formed one is looked up by key.
  const rows = (isUuid(organisationId)
    ? await db.query(`SELECT area_code FROM organisation WHERE id = $1`, [organisationId])
    : []) as { area_code: string }[];
  if (rows.length === 0 && actor.role === 'coordinator') return;
  assertManagesArea(actor, rows[0]?.area_code, field);
}

/**
 * A coordinator manages a worker who lives in their area or is placed (on `today`) at an organisation there;
 * admins manage every worker. An unknown worker passes, so the service reports it as NOT_FOUND.
 */
export async function assertManagesWorker(db: Db, actor: Actor, workerId: string, today: string, field: string): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator' || !actor.areaCode) return assertManagesArea(actor, null, field);
  if (!isUuid(workerId)) return;
  const rows = (await db.query(
    `SELECT w.home_area_code,
            array(SELECT o.area_code FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                  WHERE a.worker_id = w.id AND ${assignmentActiveSql('a', '$2')}) AS placed_in
     FROM worker w WHERE w.id = $1`,
    [workerId, today],
  )) as { home_area_code: string | null; placed_in: string[] }[];
  const worker = rows[0];
  if (!worker) return;
  const areas = [worker.home_area_code, ...worker.placed_in].filter((code): code is string => code !== null);
  if (areas.some((code) => isWithinArea(code, actor.areaCode!))) return;
  assertManagesArea(actor, null, field);
}
