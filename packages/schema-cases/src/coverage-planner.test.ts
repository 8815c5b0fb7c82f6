import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

/**
 * Workload limits and the coverage planner over HTTP (issue 17): the refusal a client acts on, an admin's audited
 * override, the plan for Kota Cimahi, and accepting it as one audited operation.
 */
describe(`workload limits and the coverage planner (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let coordinator: GraphQLClient;

  const db = () => api.database.dataSource;
  const one = async (sql: string, parameters: unknown[] = []) => ((await db().query(sql, parameters)) as { id: string }[])[0]!.id;

  const PLAN = `query ($areaCode: String!, $asOf: LocalDate, $certifiedOnly: Boolean!) {
    coveragePlan(areaCode: $areaCode, asOf: $asOf, certifiedOnly: $certifiedOnly) {
      organisationsLacking availableWorkers maxPlacements
      rows { organisationId workerId nearness certified placementsBefore isPrimary organisation { name } worker { fullName } }
      needs { areaCode areaName organisationsLackingWorker coveredByPlan stillLackingWorker additionalWorkersNeeded
              organisationsLackingCertifiedWorker certifiedGapAfterPlan additionalCertifiedWorkersNeeded
              certificationCandidates { certificationStatus worker { fullName } organisations { name } } }
    }
  }`;
  const ASSIGN = `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id limitOverrideReason } }`;

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    coordinator = await api.signedInAs(AccessRole.COORDINATOR, '32.77');
  }, 120_000);
  afterAll(() => api?.close());

  it('plans Kota Cimahi on 2018-06-01: all 16 organisations lacking a worker covered, each from its own kelurahan', async () => {
    const { coveragePlan } = await api.query(PLAN, { areaCode: '32.77', asOf: '2018-06-01', certifiedOnly: false });
    expect(coveragePlan).toMatchObject({ organisationsLacking: 16, availableWorkers: 32, maxPlacements: 2 });
    expect(coveragePlan.rows).toHaveLength(16);
    expect(new Set(coveragePlan.rows.map((row: { nearness: string }) => row.nearness))).toEqual(new Set(['SAME_KELURAHAN']));
    // No kecamatan still lacks a worker; the certified gap is what the plan's certified workers do not close.
    const needs = coveragePlan.needs as Record<string, number & string>[];
    expect(needs.map((need) => [need.areaName, need.organisationsLackingWorker, need.stillLackingWorker])).toEqual([
      ['Cimahi Selatan', 5, 0],
      ['Cimahi Tengah', 6, 0],
      ['Cimahi Utara', 5, 0],
    ]);
    const certifiedRows = coveragePlan.rows.filter((row: { certified: boolean }) => row.certified).length;
    const sum = (key: string) => needs.reduce((total, need) => total + Number(need[key]), 0);
    expect(sum('certifiedGapAfterPlan')).toBe(sum('organisationsLackingCertifiedWorker') - certifiedRows);
    expect(coveragePlan.needs[0].certificationCandidates[0]).toMatchObject({ certificationStatus: 'SCHEDULED' });

    const certified = (await api.query(PLAN, { areaCode: '32.77', asOf: '2018-06-01', certifiedOnly: true })).coveragePlan;
    expect(certified).toMatchObject({ organisationsLacking: 30, availableWorkers: 11 });
    expect(certified.rows).toHaveLength(11);
  });

  it('refuses a placement beyond the limit with WORKLOAD_LIMIT_EXCEEDED; only an admin overrides, with a reason the audit log keeps', async () => {
    const limits = (await coordinator.query(`{ workloadLimits { recommendedOpenCases maxOpenCases maxPlacements } }`)).workloadLimits;
    expect(limits).toEqual({ recommendedOpenCases: 25, maxOpenCases: 40, maxPlacements: 2 });
    const busy = await one(`SELECT worker_id AS id FROM assignment WHERE ends_on IS NULL GROUP BY worker_id HAVING count(*) = 2 ORDER BY worker_id LIMIT 1`);
    const lks = await one(`SELECT o.id FROM organisation o WHERE o.should_have_worker AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id) ORDER BY o.code LIMIT 1`);

    const refused = await coordinator.graphql(ASSIGN, { input: { workerId: busy, organisationId: lks, isPrimary: false } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'WORKLOAD_LIMIT_EXCEEDED', field: 'workerId', limit: 'maxPlacements', maximum: 2 });
    const notTheirs = await coordinator.graphql(ASSIGN, { input: { workerId: busy, organisationId: lks, isPrimary: false, limitOverrideReason: 'Mendesak' } });
    expect(notTheirs.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'limitOverrideReason' });
    const viewerChange = await coordinator.graphql(`mutation { updateWorkloadLimits(input: { maxPlacements: 5 }) { maxPlacements } }`);
    expect(viewerChange.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reason = 'Satu-satunya peksos di kelurahan ini sampai rekrutmen Januari';
    const { assignWorker } = await api.query(ASSIGN, { input: { workerId: busy, organisationId: lks, isPrimary: false, limitOverrideReason: reason } });
    expect(assignWorker.limitOverrideReason).toBe(reason);
    const [audit] = await db().query(
      `SELECT operation, actor_label, after->>'limit_override_reason' AS reason FROM audit_record WHERE table_name = 'assignment' AND record_id = $1`,
      [assignWorker.id],
    );
    expect(audit).toMatchObject({ operation: 'assignWorker', reason });
    expect(audit.actor_label).toMatch(/^test-admin/);

    const worker = (await coordinator.query(`query ($id: ID!) { worker(id: $id) { workload { activePlacements maxPlacements sparePlacements openCases recommendedOpenCases maxOpenCases } } }`, { id: busy })).worker;
    expect(worker.workload).toMatchObject({ activePlacements: 3, maxPlacements: 2, sparePlacements: 0, recommendedOpenCases: 25, maxOpenCases: 40 });
    expect(worker.workload.openCases).toBeGreaterThanOrEqual(0);

    // An admin changes the limits; the change is audited.
    const changed = (await api.query(`mutation { updateWorkloadLimits(input: { recommendedOpenCases: 20 }) { recommendedOpenCases maxOpenCases } }`)).updateWorkloadLimits;
    expect(changed).toEqual({ recommendedOpenCases: 20, maxOpenCases: 40 });
    const [limitsAudit] = await db().query(`SELECT operation FROM audit_record WHERE table_name = 'workload_limits' ORDER BY id DESC LIMIT 1`);
    expect(limitsAudit.operation).toBe('updateWorkloadLimits');
    await api.query(`mutation { updateWorkloadLimits(input: { recommendedOpenCases: 25 }) { recommendedOpenCases } }`);
  });

  it('ranks the candidates for an organisation: certified first, then nearer, then more spare capacity', async () => {
    const lks = await one(`SELECT o.id FROM organisation o WHERE o.should_have_worker AND o.area_code LIKE '32.77.03.%' AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id) ORDER BY o.code LIMIT 1`);
    const { assignmentCandidates } = await coordinator.query(`query ($id: ID!) { assignmentCandidates(organisationId: $id, first: 50) { certified nearness sparePlacements worker { fullName } } }`, { id: lks });
    expect(assignmentCandidates.length).toBeGreaterThan(3);
    const firstUncertified = assignmentCandidates.findIndex((candidate: { certified: boolean }) => !candidate.certified);
    expect(assignmentCandidates.slice(firstUncertified).every((candidate: { certified: boolean }) => !candidate.certified)).toBe(true);
    // How many to list is checked, not quietly clamped: the field at fault, as a page's first is.
    for (const first of [0, -3, 101]) {
      const refused = await coordinator.graphql(`query ($id: ID!, $first: Int!) { assignmentCandidates(organisationId: $id, first: $first) { workerId } }`, { id: lks, first });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('accepts a plan as one operation: every placement in one transaction, audited under acceptCoveragePlan', async () => {
    const { coveragePlan } = await api.query(PLAN, { areaCode: '32.77', asOf: null, certifiedOnly: false });
    expect(coveragePlan.rows.length).toBeGreaterThan(0);
    const rows = coveragePlan.rows.map(({ organisationId, workerId }: { organisationId: string; workerId: string }) => ({ organisationId, workerId }));
    const count = async () => Number((await db().query(`SELECT count(*) AS count FROM assignment`))[0].count);
    const before = await count();
    // One row naming nothing: the whole plan is refused, the row named, nothing made.
    const refused = await api.graphql(`mutation ($input: AcceptCoveragePlanInput!) { acceptCoveragePlan(input: $input) { id } }`, {
      input: { rows: [...rows, { organisationId: '00000000-0000-4000-8000-000000000000', workerId: rows[0].workerId }] },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: `rows.${rows.length}.organisationId` });
    expect(await count()).toBe(before);
    const { acceptCoveragePlan } = await api.query(`mutation ($input: AcceptCoveragePlanInput!) { acceptCoveragePlan(input: $input) { id organisationId workerId } }`, { input: { rows } });
    expect(acceptCoveragePlan).toHaveLength(rows.length);
    const audit = (await db().query(
      `SELECT operation FROM audit_record WHERE table_name = 'assignment' AND record_id = ANY($1::text[])`,
      [acceptCoveragePlan.map((assignment: { id: string }) => assignment.id)],
    )) as { operation: string }[];
    expect(audit).toHaveLength(rows.length);
    expect(new Set(audit.map((row) => row.operation))).toEqual(new Set(['acceptCoveragePlan']));
    const after = (await api.query(PLAN, { areaCode: '32.77', asOf: null, certifiedOnly: false })).coveragePlan;
    expect(after.organisationsLacking).toBe(0);
  });
});
