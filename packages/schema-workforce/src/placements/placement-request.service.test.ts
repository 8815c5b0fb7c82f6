import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { DomainError, ErrorCode, runAsActor, SYSTEM_ACTOR, type Actor } from '@peksos/schema-kit';
import { workforceModule } from '../workforce.module.js';
import { PlacementRequestStatus } from './placement-request.entity.js';
import { PlacementRequestService } from './placement-request.service.js';

const TODAY = '2018-06-01';

/** Cimahi Selatan's coordinator: asks for a worker of another kecamatan. */
const selatan: Actor = { kind: 'account', id: '00000000-0000-4000-8000-0000000c0771', label: 'koordinator-selatan', role: 'coordinator', areaCode: '32.77.01', organisationIds: [] };

/** Accepting a placement request makes the placement through AssignmentService.place: the workload limit holds there too. */
describe(`placement requests and the workload limit (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
  });
  afterAll(() => database?.dispose());

  it('refuses to accept a request for a worker at the maximum (WORKLOAD_LIMIT_EXCEEDED on id); the request stays pending, nothing is placed', async () => {
    const [busy] = (await database.dataSource.query(
      `SELECT a.worker_id AS id FROM assignment a JOIN worker w ON w.id = a.worker_id
       WHERE a.ends_on IS NULL AND w.home_area_code IS NOT NULL AND w.home_area_code NOT LIKE '32.77.01%'
       GROUP BY a.worker_id HAVING count(*) = 2 ORDER BY a.worker_id LIMIT 1`,
    )) as { id: string }[];
    const [organisation] = (await database.dataSource.query(
      `SELECT o.id FROM organisation o WHERE o.area_code LIKE '32.77.01.%' AND o.archived_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND a.worker_id = $1) ORDER BY o.code LIMIT 1`,
      [busy!.id],
    )) as { id: string }[];
    const service = new PlacementRequestService(database.dataSource, TODAY);
    const request = await runAsActor(selatan, () => service.request({ workerId: busy!.id, organisationId: organisation!.id, startsOn: TODAY, isPrimary: false }, selatan));

    const error = await asSystem(() => service.accept(request.id, SYSTEM_ACTOR))().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).extensions).toMatchObject({ code: ErrorCode.WORKLOAD_LIMIT_EXCEEDED, field: 'id', limit: 'maxPlacements', maximum: 2 });
    const [stored] = (await database.dataSource.query(`SELECT status, assignment_id FROM placement_request WHERE id = $1`, [request.id])) as {
      status: string;
      assignment_id: string | null;
    }[];
    expect(stored).toEqual({ status: PlacementRequestStatus.PENDING, assignment_id: null });
    const [{ count }] = (await database.dataSource.query(`SELECT count(*)::int AS count FROM assignment WHERE worker_id = $1 AND organisation_id = $2`, [
      busy!.id,
      organisation!.id,
    ])) as { count: number }[];
    expect(count).toBe(0);
  });
});
