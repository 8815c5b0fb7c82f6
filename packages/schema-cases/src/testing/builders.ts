import type { TestServer } from './test-server.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Creates an organisation through the API; fields default to a social-welfare institution in Kelurahan Melong. */
export async function givenOrganisation(api: TestServer, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const data = await api.query<{ createOrganisation: { id: string; name: string } }>(
    `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`,
    {
      input: {
        name: `LKS Uji ${unique()}`,
        kind: 'SOCIAL_WELFARE_INSTITUTION',
        areaCode: '32.77.01.1001',
        ...overrides,
      },
    },
  );
  return data.createOrganisation;
}

/** Creates a worker through the API. */
export async function givenWorker(api: TestServer, overrides: Record<string, unknown> = {}): Promise<{ id: string; fullName: string }> {
  const data = await api.query<{ createWorker: { id: string; fullName: string } }>(
    `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id fullName } }`,
    {
      input: {
        fullName: `Pekerja Uji ${unique()}`,
        gender: 'FEMALE',
        employmentStatus: 'GOVERNMENT_CONTRACT',
        homeAreaCode: '32.77.01.1001',
        ...overrides,
      },
    },
  );
  return data.createWorker;
}

/** Places a worker at an organisation through the API. */
export async function givenAssignment(
  api: TestServer,
  workerId: string,
  organisationId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const data = await api.query<{ assignWorker: { id: string } }>(
    `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`,
    { input: { workerId, organisationId, startsOn: '2018-01-02', ...overrides } },
  );
  return data.assignWorker;
}

/** Records a certificate valid from `issuedOn`. */
export async function givenCertificate(api: TestServer, workerId: string, issuedOn = '2017-01-02', expiresOn: string | null = null) {
  await api.query(
    `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
    {
      input: {
        workerId,
        level: 'GENERALIST',
        certificateNumber: `TEST/${unique()}`,
        issuer: 'LSPS',
        issuedOn,
        expiresOn,
      },
    },
  );
}
