import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe(`the training extension over HTTP (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  it('serves its sessions and its fields on core types, and a passed test certifies the worker', async () => {
    const { trainingSessions } = await api.query(`{
      trainingSessions { totalCount nodes { title heldOn organiser { code } enrolments { id result worker { id certificationStatus } } } } }`);
    expect(trainingSessions.totalCount).toBe(1);
    const session = trainingSessions.nodes[0];
    expect(session.organiser.code).toBe('DINSOS-3277');
    expect(session.enrolments).toHaveLength(23);
    const enrolment = session.enrolments[0];
    expect(enrolment.worker.certificationStatus).toBe('SCHEDULED');

    const { recordTrainingResult } = await api.query(
      `mutation ($id: ID!) { recordTrainingResult(input: { enrolmentId: $id, result: PASSED, certificateNumber: "LSPS/2018/0777" }) {
          result worker { certificationStatus trainingEnrolments { result } } } }`,
      { id: enrolment.id },
    );
    expect(recordTrainingResult.result).toBe('PASSED');
    expect(recordTrainingResult.worker.certificationStatus).toBe('CERTIFIED');
    const { workforceSummary } = await api.query(`{ workforceSummary(areaCode: "32.77") { certifiedWorkers } }`);
    expect(workforceSummary.certifiedWorkers).toBe(14);

    const again = await api.graphql(`mutation ($id: ID!) { recordTrainingResult(input: { enrolmentId: $id, result: FAILED }) { result } }`, {
      id: enrolment.id,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
