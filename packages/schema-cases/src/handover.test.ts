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

  it('proposes for each placement the worker the planner’s ranking (assignmentCandidates) puts first there', async () => {
    const { handoverPreview } = await api.query(PREVIEW, { workerId: ids.leaving, endsOn });
    expect(handoverPreview.placements.length).toBe(2);
    for (const placement of handoverPreview.placements as { organisationId: string; proposedWorkerId: string; candidates: { workerId: string }[] }[]) {
      const { assignmentCandidates } = await api.query(
        `query ($id: ID!, $asOf: LocalDate!) { assignmentCandidates(organisationId: $id, asOf: $asOf, first: 5) { workerId } }`,
        { id: placement.organisationId, asOf: endsOn },
      );
      // The same order; the first (never the worker leaving, who is placed there) is proposed. No earlier proposal
      // fills the first's capacity here (they hold none, the limit is 2).
      expect(placement.proposedWorkerId).toBe(assignmentCandidates[0].workerId);
      expect(placement.candidates.map((candidate) => candidate.workerId)).toEqual(assignmentCandidates.map((c: { workerId: string }) => c.workerId));
    }
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
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'replacements.1.workerId' });
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

  it('proposes no worker beyond the workload limits counted across the handover, and refuses a handover that would exceed them, writing nothing', async () => {
    const leaving = await worker(`Rina Dua Tempat ${++serial}`, '32.77.03.1001');
    const first = await organisation(`LKS Pertama Batas ${serial}`);
    const second = await organisation(`LKS Kedua Batas ${serial}`);
    await assign(leaving, first, true);
    await assign(leaving, second, false);
    const cases: string[] = [];
    for (const n of [1, 2]) {
      const { openCase } = await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
        input: { organisationId: first, pmksCategoryCode: 'ANAK_TERLANTAR', reference: `BATAS/${process.pid}/${serial}/${n}`, openedOn: inDays(-20) },
      });
      cases.push(openCase.id);
      await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
        input: { caseId: openCase.id, workerId: leaving, roleCode: 'BROKER', isLead: true, startsOn: inDays(-20) },
      });
    }
    const best = await worker(`AAA Aaa Pengganti Tunggal ${serial}`, '32.77.03.1001');
    await api.query(`mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId: best, level: 'GENERALIST', certificateNumber: `BATAS/${process.pid}/${serial}`, issuer: 'LSPS', issuedOn: inDays(-100) },
    });
    // One placement and one open case per worker: the best replacement has room for one of each.
    await api.query(`mutation { updateWorkloadLimits(input: { recommendedOpenCases: 1, maxOpenCases: 1, maxPlacements: 1 }) { maxPlacements } }`);
    try {
      const { handoverPreview } = await api.query(PREVIEW, { workerId: leaving, endsOn });
      const placements = handoverPreview.placements as { assignmentId: string; organisationId: string; proposedWorkerId: string | null; candidates: { workerId: string }[] }[];
      const involvements = handoverPreview.involvements as { involvementId: string; caseId: string; proposedWorkerId: string | null; candidates: { workerId: string }[] }[];
      expect(placements.map((placement) => placement.organisationId).sort()).toEqual([first, second].sort());
      // Alone, the ranking puts the best first at either organisation...
      for (const organisationId of [first, second]) {
        const { assignmentCandidates } = await api.query(
          `query ($id: ID!, $asOf: LocalDate!) { assignmentCandidates(organisationId: $id, asOf: $asOf, first: 1) { workerId } }`,
          { id: organisationId, asOf: endsOn },
        );
        expect(assignmentCandidates[0].workerId).toBe(best);
      }
      // ...but the handover proposes them once: the second placement goes to the next, the best is no candidate there.
      expect(placements[0]!.proposedWorkerId).toBe(best);
      expect(placements[1]!.proposedWorkerId).not.toBe(best);
      expect(placements[1]!.candidates.map((candidate) => candidate.workerId)).not.toContain(best);
      // Likewise for cases: the best is proposed for one of the two.
      expect(involvements.map((involvement) => involvement.caseId).sort()).toEqual([...cases].sort());
      expect(involvements.filter((involvement) => involvement.proposedWorkerId === best)).toHaveLength(1);
      expect(involvements.flatMap((involvement) => involvement.candidates.map((c) => c.workerId)).filter((id) => id === best)).toHaveLength(1);
      // Every proposal together stays within the limits.
      const proposedCount = new Map<string, number>();
      for (const placement of placements) if (placement.proposedWorkerId) proposedCount.set(placement.proposedWorkerId, (proposedCount.get(placement.proposedWorkerId) ?? 0) + 1);
      for (const [proposed, count] of proposedCount) {
        const { worker } = await api.query(`query ($id: ID!, $asOf: LocalDate) { worker(id: $id) { workload(asOf: $asOf) { activePlacements } } }`, {
          id: proposed,
          asOf: endsOn,
        });
        expect(worker.workload.activePlacements + count).toBeLessThanOrEqual(1);
      }

      // Handing both placements to the best anyway is refused, coded and naming the row; nothing is written.
      const before = await handoverRecords();
      const refused = await api.graphql(APPLY, {
        input: {
          workerId: leaving,
          endsOn,
          reason: 'MOVED',
          replacements: [
            { assignmentId: placements[0]!.assignmentId, workerId: best },
            { assignmentId: placements[1]!.assignmentId, workerId: best },
          ],
        },
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'WORKLOAD_LIMIT_EXCEEDED', field: 'replacements.1.workerId', limit: 'maxPlacements', maximum: 1 });
      expect(await openAssignments(leaving)).toEqual([{ organisation: first }, { organisation: second }].sort((a, b) => a.organisation.localeCompare(b.organisation)));
      expect(await openAssignments(best)).toEqual([]);
      expect(await handoverRecords()).toBe(before);
      // So is handing both cases to them (the limit of open cases), with nothing written either.
      const refusedCases = await api.graphql(APPLY, {
        input: {
          workerId: leaving,
          endsOn,
          reason: 'MOVED',
          replacements: involvements.map((involvement) => ({ involvementId: involvement.involvementId, workerId: best })),
        },
      });
      expect(refusedCases.errors?.[0]?.extensions).toMatchObject({ code: 'WORKLOAD_LIMIT_EXCEEDED', field: 'replacements.1.workerId', limit: 'maxOpenCases' });
      const open = (await api.database.dataSource.query(`SELECT count(*)::int AS n FROM case_involvement WHERE case_id = ANY($1::uuid[]) AND ends_on IS NULL`, [cases])) as [{ n: number }];
      expect(open[0].n).toBe(2);
      expect(await handoverRecords()).toBe(before);

      // The proposals as they stand apply.
      const { handOverWorker } = await api.query(APPLY, {
        input: {
          workerId: leaving,
          endsOn,
          reason: 'MOVED',
          replacements: [
            ...placements.filter((p) => p.proposedWorkerId).map((p) => ({ assignmentId: p.assignmentId, workerId: p.proposedWorkerId })),
            ...involvements.filter((i) => i.proposedWorkerId).map((i) => ({ involvementId: i.involvementId, workerId: i.proposedWorkerId })),
          ],
        },
      });
      expect(handOverWorker.assignmentsEnded).toHaveLength(2);
      expect(handOverWorker.assignmentsMade.map((made: { workerId: string }) => made.workerId)).toContain(best);
    } finally {
      await api.query(`mutation { updateWorkloadLimits(input: { maxOpenCases: 40, recommendedOpenCases: 25, maxPlacements: 2 }) { maxPlacements } }`);
    }
  });

  it('refuses a coordinator replacements and cases out of their area, naming each, writing nothing; a placement elsewhere ends', async () => {
    const utara = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    // A worker of Cimahi Utara lent to an organisation of Cimahi Selatan, and in a case there.
    const lent = await worker(`Lina Dipinjamkan ${++serial}`, '32.77.03.1001');
    const { createOrganisation } = await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
      input: { name: `LKS Selatan Pinjaman ${serial}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.01.1003' },
    });
    const elsewhere = createOrganisation.id as string;
    const assignmentId = (await assign(lent, elsewhere, true)).assignWorker.id as string;
    const { openCase } = await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
      input: { organisationId: elsewhere, pmksCategoryCode: 'ANAK_TERLANTAR', reference: `PINJAM/${process.pid}/${serial}`, openedOn: inDays(-20) },
    });
    const { involveWorker } = await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
      input: { caseId: openCase.id, workerId: lent, roleCode: 'BROKER', startsOn: inDays(-20) },
    });
    const ofSelatan = await worker(`Pengganti Selatan ${serial}`, '32.77.01.1003');
    const before = await handoverRecords();
    const refusal = async (replacements: { assignmentId?: string; involvementId?: string; workerId: string }[]) => {
      const refused = await utara.graphql(APPLY, { input: { workerId: lent, endsOn, reason: 'MOVED', replacements } });
      expect(await openAssignments(lent)).toEqual([{ organisation: elsewhere }]);
      expect(await handoverRecords()).toBe(before);
      return refused.errors?.[0];
    };
    // The involvement is its case's coordinator's to end (endInvolvement's rule), taken over or not.
    const notTakenOver = await refusal([]);
    expect(notTakenOver?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'workerId' });
    expect(notTakenOver?.message).toMatch(/PINJAM\/.*endInvolvement/);
    expect((await refusal([{ involvementId: involveWorker.id, workerId: ids.replacement }]))?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'replacements.0.involvementId',
    });
    // Once Selatan's coordinator has ended it: a replacement at Selatan's organisation, as assignWorker would, is refused
    // naming the placement taken over; a worker of Selatan's, the replacement.
    await selatan.query(`mutation ($id: ID!, $endsOn: LocalDate!) { endInvolvement(id: $id, endsOn: $endsOn) { id } }`, { id: involveWorker.id, endsOn: inDays(-1) });
    expect((await refusal([{ assignmentId, workerId: ids.replacement }]))?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'replacements.0.assignmentId' });
    const ownOrganisation = await organisation(`LKS Utara Pinjaman ${serial}`);
    const placedAtHome = (await assign(lent, ownOrganisation, false)).assignWorker.id as string;
    const refused = await utara.graphql(APPLY, {
      input: { workerId: lent, endsOn, reason: 'MOVED', replacements: [{ assignmentId: placedAtHome, workerId: ofSelatan }] },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'replacements.0.workerId' });
    expect(await handoverRecords()).toBe(before);
    // Without replacements there, the coordinator calls their worker back: both placements end.
    const { handOverWorker } = await utara.query(APPLY, { input: { workerId: lent, endsOn, reason: 'MOVED' } });
    expect(handOverWorker.assignmentsEnded.map((ended: { id: string }) => ended.id).sort()).toEqual([assignmentId, placedAtHome].sort());
    expect(await openAssignments(lent)).toEqual([]);
  });
});
