import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const PREVIEW = `query ($workerId: ID!, $endsOn: LocalDate!) {
  handoverPreview(workerId: $workerId, endsOn: $endsOn) {
    workerId workerName endsOn
    placements { assignmentId organisationId organisationName isPrimary becomesUncovered proposedWorkerId
                 candidates { workerId fullName certified sameKelurahan sameKecamatan activePlacements } }
    involvements { involvementId caseId caseReference organisationName roleCode isLead becomesUncovered proposedWorkerId candidates { workerId } }
  }
}`;
const APPLY = `mutation ($input: HandOverWorkerInput!) {
  handOverWorker(input: $input) {
    assignmentsEnded { id endsOn endReason } assignmentsMade { workerId organisationId startsOn isPrimary }
    involvementsEnded { id endsOn } involvementsMade { workerId caseId roleCode isLead startsOn }
  }
}`;
const HISTORY = `query ($id: ID!) {
  recordHistory(id: $id, first: 50) {
    nodes { id action operation actorName actorRole record { table id name } related { table id name column } changes { field before after personal } }
  }
}`;

interface HistoryNode {
  action: string;
  operation: string | null;
  actorName: string;
  actorRole: string | null;
  record: { table: string; id: string; name: string | null };
  related: { table: string; id: string; name: string | null; column: string }[];
  changes: { field: string; before: string | null; after: string | null; personal: boolean }[];
}

/**
 * The handover of a worker who leaves (issue 17): a preview of what becomes uncovered and who could take over, then
 * one transaction that ends every placement and involvement and makes the replacements, all or nothing, audited; and
 * the records' histories that show it in words (names, not ids).
 */
describe(`handover and history (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let selatan: GraphQLClient;
  let viewer: GraphQLClient;
  let serial = 0;
  const ids: Record<string, string> = {};
  const endsOn = inDays(7);

  const worker = async (fullName: string, homeAreaCode: string) =>
    (
      await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode },
      })
    ).createWorker.id as string;
  const organisation = async (name: string) =>
    (
      await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
        input: { name, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1001' },
      })
    ).createOrganisation.id as string;
  const assign = (workerId: string, organisationId: string, isPrimary: boolean) =>
    api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId, organisationId, isPrimary, startsOn: inDays(-30) },
    });
  const handoverRecords = async () =>
    Number(
      ((await api.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_record WHERE operation = 'handOverWorker'`)) as [{ n: number }])[0]
        .n,
    );
  const openAssignments = (workerId: string) =>
    api.database.dataSource.query(`SELECT organisation_id::text AS organisation FROM assignment WHERE worker_id = $1 AND ends_on IS NULL ORDER BY 1`, [
      workerId,
    ]) as Promise<{ organisation: string }[]>;

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    selatan = await api.signedInAs(AccessRole.COORDINATOR, '32.77.01');
    viewer = await api.signedInAs(AccessRole.VIEWER);
    ids.leaving = await worker(`Sri Serah Terima ${process.pid}`, '32.77.03.1001');
    ids.colleague = await worker(`Rekan Serah Terima ${++serial}`, '32.77.03.1001');
    ids.replacement = await worker('AAA Pengganti Serah Terima', '32.77.03.1001');
    await api.query(`mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId: ids.replacement, level: 'GENERALIST', certificateNumber: `SERAH/${process.pid}`, issuer: 'LSPS', issuedOn: inDays(-100) },
    });
    ids.archived = await worker(`Diarsipkan Serah Terima ${++serial}`, '32.77.03.1001');
    await api.query(`mutation ($id: ID!) { archiveWorker(id: $id, reason: "Pensiun") { id } }`, { id: ids.archived });
    ids.alone = await organisation('LKS Sendiri Serah Terima');
    ids.shared = await organisation('LKS Bersama Serah Terima');
    await assign(ids.leaving, ids.alone, true);
    await assign(ids.leaving, ids.shared, false);
    await assign(ids.colleague, ids.shared, true);
    const { openCase } = await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
      input: { organisationId: ids.alone, pmksCategoryCode: 'ANAK_TERLANTAR', reference: `SERAH/${process.pid}/1`, openedOn: inDays(-20) },
    });
    ids.case = openCase.id;
    await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
      input: { caseId: ids.case, workerId: ids.leaving, roleCode: 'BROKER', isLead: true, startsOn: inDays(-20) },
    });
  }, 120_000);
  afterAll(() => api?.close());

  it('previews what becomes uncovered first, and proposes the best-ranked replacement', async () => {
    const { handoverPreview } = await api.query(PREVIEW, { workerId: ids.leaving, endsOn });
    expect(handoverPreview.placements.map((p: { organisationId: string; becomesUncovered: boolean }) => [p.organisationId, p.becomesUncovered])).toEqual([
      [ids.alone, true],
      [ids.shared, false],
    ]);
    const alone = handoverPreview.placements[0];
    expect(alone.proposedWorkerId).toBe(ids.replacement);
    expect(alone.candidates[0]).toMatchObject({ workerId: ids.replacement, certified: true, sameKelurahan: true, sameKecamatan: true, activePlacements: 0 });
    const candidates = alone.candidates.map((c: { workerId: string }) => c.workerId);
    expect(candidates).not.toContain(ids.leaving);
    expect(candidates).not.toContain(ids.archived);
    // The colleague already serves at the shared organisation: not proposed there.
    expect(handoverPreview.placements[1].candidates.map((c: { workerId: string }) => c.workerId)).not.toContain(ids.colleague);
    expect(handoverPreview.involvements).toEqual([
      expect.objectContaining({ caseId: ids.case, roleCode: 'BROKER', isLead: true, becomesUncovered: true, proposedWorkerId: ids.replacement }),
    ]);
    expect(await handoverRecords()).toBe(0);
  });

  it('refuses a coordinator of another area, naming the worker', async () => {
    const refused = await selatan.graphql(PREVIEW, { workerId: ids.leaving, endsOn });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'workerId' });
  });

  it('proposes to a coordinator only replacements they could place: none at an organisation outside their area', async () => {
    const utara = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    const travelling = await worker(`Tini Lintas Wilayah ${++serial}`, '32.77.03.1001');
    const { createOrganisation } = await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
      input: { name: `LKS Selatan Serah Terima ${serial}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.01.1003' },
    });
    await assign(travelling, createOrganisation.id, true);
    const asCoordinator = (await utara.query(PREVIEW, { workerId: travelling, endsOn })).handoverPreview.placements[0];
    expect(asCoordinator).toMatchObject({ organisationId: createOrganisation.id, proposedWorkerId: null, candidates: [] });
    const asAdmin = (await api.query(PREVIEW, { workerId: travelling, endsOn })).handoverPreview.placements[0];
    expect(asAdmin.candidates.length).toBeGreaterThan(0);
  });

  it('writes nothing when a step fails midway (an archived worker cannot take over the case)', async () => {
    const involvementId = (await api.query(PREVIEW, { workerId: ids.leaving, endsOn })).handoverPreview.involvements[0].involvementId;
    const failed = await api.graphql(APPLY, {
      input: {
        workerId: ids.leaving,
        endsOn,
        reason: 'RESIGNED',
        replacements: [
          { assignmentId: (await api.query(PREVIEW, { workerId: ids.leaving, endsOn })).handoverPreview.placements[0].assignmentId, workerId: ids.replacement },
          { involvementId, workerId: ids.archived },
        ],
      },
    });
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'workerId' });
    expect(failed.errors?.[0]?.message).toMatch(/archived/);
    expect(await openAssignments(ids.leaving)).toEqual([{ organisation: ids.alone }, { organisation: ids.shared }].sort((a, b) => a.organisation.localeCompare(b.organisation)));
    expect(await openAssignments(ids.replacement)).toEqual([]);
    const [involvement] = (await api.database.dataSource.query(`SELECT ends_on FROM case_involvement WHERE id = $1`, [involvementId])) as { ends_on: string | null }[];
    expect(involvement!.ends_on).toBeNull();
    expect(await handoverRecords()).toBe(0);
  });

  it('hands over in one audited operation: placements and involvements end, replacements start the same day', async () => {
    const { handoverPreview } = await api.query(PREVIEW, { workerId: ids.leaving, endsOn });
    const [alone, shared] = handoverPreview.placements;
    const [involvement] = handoverPreview.involvements;
    const { handOverWorker } = await api.query(APPLY, {
      input: {
        workerId: ids.leaving,
        endsOn,
        reason: 'ON_LEAVE',
        note: 'Cuti melahirkan',
        replacements: [
          { assignmentId: alone.assignmentId, workerId: alone.proposedWorkerId },
          { involvementId: involvement.involvementId, workerId: involvement.proposedWorkerId },
        ],
      },
    });
    expect(handOverWorker.assignmentsEnded.map((a: { id: string; endsOn: string; endReason: string }) => [a.id, a.endsOn, a.endReason]).sort()).toEqual(
      [
        [alone.assignmentId, endsOn, 'Serah terima: cuti — Cuti melahirkan'],
        [shared.assignmentId, endsOn, 'Serah terima: cuti — Cuti melahirkan'],
      ].sort(),
    );
    expect(handOverWorker.assignmentsMade).toEqual([{ workerId: ids.replacement, organisationId: ids.alone, startsOn: endsOn, isPrimary: true }]);
    expect(handOverWorker.involvementsEnded).toEqual([{ id: involvement.involvementId, endsOn }]);
    expect(handOverWorker.involvementsMade).toEqual([{ workerId: ids.replacement, caseId: ids.case, roleCode: 'BROKER', isLead: true, startsOn: endsOn }]);
    // Two placements and one involvement ended, one placement and one involvement made: one operation in the log.
    expect(await handoverRecords()).toBe(5);
    const again = await api.graphql(APPLY, { input: { workerId: ids.leaving, endsOn, reason: 'ON_LEAVE' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'workerId' });
  });

  it('shows an organisation’s history with names and who did it, newest first; personal values never', async () => {
    const { recordHistory } = (await viewer.query(HISTORY, { id: ids.alone })) as { recordHistory: { nodes: HistoryNode[] } };
    const lines = recordHistory.nodes.map((node) => `${node.record.table} ${node.action} ${node.operation}`);
    expect(lines).toContain('assignment INSERT handOverWorker');
    expect(lines).toContain('assignment UPDATE handOverWorker');
    expect(lines).toContain('social_case INSERT openCase');
    expect(lines.at(-1)).toBe('organisation INSERT createOrganisation');
    const placed = recordHistory.nodes.find((node) => node.record.table === 'assignment' && node.action === 'INSERT' && node.operation === 'handOverWorker')!;
    expect(placed.related).toEqual([
      { table: 'worker', id: ids.replacement, name: 'AAA Pengganti Serah Terima', column: 'worker_id' },
      { table: 'organisation', id: ids.alone, name: 'LKS Sendiri Serah Terima', column: 'organisation_id' },
    ]);
    expect(placed.actorRole).toBe('admin');
    const ended = recordHistory.nodes.find((node) => node.record.table === 'assignment' && node.action === 'UPDATE')!;
    expect(ended.changes.map((change) => change.field).sort()).toEqual(['end_reason', 'ends_on']);

    await api.query(`mutation ($id: ID!) { updateWorker(id: $id, input: { phone: "081234567890" }) { id } }`, { id: ids.leaving });
    const worker = (await viewer.query(HISTORY, { id: ids.leaving })) as { recordHistory: { nodes: HistoryNode[] } };
    expect(worker.recordHistory.nodes[0]).toMatchObject({
      action: 'UPDATE',
      record: { table: 'worker', id: ids.leaving, name: `Sri Serah Terima ${process.pid}` },
      changes: [{ field: 'phone', before: null, after: null, personal: true }],
    });
    expect(worker.recordHistory.nodes.map((node) => node.record.table)).toContain('case_involvement');
    expect(JSON.stringify(worker.recordHistory.nodes)).not.toContain('081234567890');
  });

  it('gives the audit log the same reading of each record', async () => {
    const { auditRecords } = await api.query(
      `{ auditRecords(filter: { operation: "handOverWorker", tableName: "case_involvement" }, first: 5) { nodes { action event { record { table } related { table name } } } } }`,
    );
    expect(auditRecords.nodes).toHaveLength(2);
    for (const node of auditRecords.nodes) {
      expect(node.event.related.find((related: { table: string }) => related.table === 'social_case').name).toBe(`SERAH/${process.pid}/1`);
    }
  });
});
