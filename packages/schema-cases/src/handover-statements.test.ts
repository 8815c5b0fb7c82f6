import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const PREVIEW = `query ($workerId: ID!, $endsOn: LocalDate!) {
  handoverPreview(workerId: $workerId, endsOn: $endsOn) {
    placements { assignmentId proposedWorkerId candidates { workerId activePlacements } }
    involvements { involvementId caseId proposedWorkerId candidates { workerId } }
  }
}`;

/**
 * The handover preview ranks replacements for every placement and case involvement of the worker leaving. It must not
 * send statements per involvement (one ranking each was ~4 statements: 40 involvements cost ~160): the candidate
 * pools of all organisations and the cases their workers hold are read in a constant number of statements.
 */
describe(`handover preview statements (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let leaving: string;
  const organisations: string[] = [];
  let cases = 0;
  const endsOn = inDays(7);

  const involveInNewCases = async (count: number) => {
    for (let n = 0; n < count; n++) {
      cases += 1;
      const { openCase } = await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
        input: {
          organisationId: organisations[cases % organisations.length],
          pmksCategoryCode: 'ANAK_TERLANTAR',
          reference: `BANYAK/${process.pid}/${cases}`,
          openedOn: inDays(-20),
        },
      });
      await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
        input: { caseId: openCase.id, workerId: leaving, roleCode: cases % 3 === 0 ? 'EDUCATOR' : 'BROKER', isLead: cases % 2 === 0, startsOn: inDays(-20) },
      });
    }
  };
  const preview = async () => {
    const result = await api.graphql<{ handoverPreview: { involvements: { proposedWorkerId: string | null }[] } }>(PREVIEW, { workerId: leaving, endsOn });
    expect(result.errors).toBeUndefined();
    return { statements: result.extensions!.sqlStatements!, involvements: result.data!.handoverPreview.involvements };
  };

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    leaving = (
      await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName: `Banyak Kasus ${process.pid}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: '32.77.03.1001' },
      })
    ).createWorker.id;
    for (const [index, areaCode] of ['32.77.03.1001', '32.77.01.1003'].entries()) {
      const { createOrganisation } = await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
        input: { name: `LKS Banyak Kasus ${index + 1}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode },
      });
      organisations.push(createOrganisation.id);
      await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { workerId: leaving, organisationId: createOrganisation.id, isPrimary: index === 0, startsOn: inDays(-30) },
      });
    }
  }, 120_000);
  afterAll(() => api?.close());

  it('sends as many statements for a worker with 40 case involvements as for one with 2', async () => {
    await involveInNewCases(2);
    const few = await preview();
    expect(few.involvements).toHaveLength(2);
    await involveInNewCases(38);
    const many = await preview();
    expect(many.involvements).toHaveLength(40);
    // Replacements are proposed (the Cimahi data set has workers there with room for more cases).
    expect(many.involvements.filter((involvement) => involvement.proposedWorkerId !== null).length).toBeGreaterThan(0);
    expect(many.statements, `statements for 2 involvements: ${few.statements}, for 40: ${many.statements}`).toBe(few.statements);
  }, 300_000);
});
