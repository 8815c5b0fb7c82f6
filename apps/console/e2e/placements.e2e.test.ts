import { describe, expect, it } from 'vitest';
import { chooseOption, graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/**
 * Placement requests in the console (issue 13): the coordinator of Cimahi Utara (the demo `koordinator`) finds the
 * requests of Cimahi Selatan for workers of Utara waiting for an answer, accepts one (the assignment is made) and
 * declines another with a reason; the requests Utara itself asked show no buttons.
 */
describe('placement requests', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  /** A coordinator of Cimahi Selatan, made by the admin and signed in over HTTP: their session cookie. */
  async function selatanCoordinator(): Promise<string> {
    const username = `koordinator-selatan-${Date.now()}`;
    const password = 'kata-sandi-selatan-panjang';
    await graphql(baseUrl, `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
      input: { username, displayName: 'Koordinator Cimahi Selatan', role: 'COORDINATOR', areaCode: '32.77.01', password },
    });
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-peksos-csrf': '1' },
      body: JSON.stringify({
        query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }',
        variables: { u: username, p: password },
      }),
    });
    return /peksos_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
  }

  /** A new worker living in an area (made by the admin). */
  async function worker(fullName: string, homeAreaCode: string): Promise<{ id: string; fullName: string }> {
    const { createWorker } = await graphql<{ createWorker: { id: string; fullName: string } }>(
      baseUrl,
      `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id fullName } }`,
      { input: { fullName, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode } },
    );
    return createWorker;
  }

  async function asSelatan<T>(cookie: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-peksos-csrf': '1', cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  it('lists the requests waiting for the coordinator, who accepts one and declines another with a reason', async () => {
    const cookie = await selatanCoordinator();
    const first = await worker('Rina Utara Penempatan', '32.77.03.1001');
    const second = await worker('Dedi Utara Penempatan', '32.77.03.1002');
    const { organisations } = await graphql<{ organisations: { nodes: { id: string; name: string }[] } }>(
      baseUrl,
      `{ organisations(filter: { areaCode: "32.77.01", kinds: [SOCIAL_WELFARE_INSTITUTION] }, first: 1) { nodes { id name } } }`,
    );
    const lks = organisations.nodes[0]!;
    for (const [requested, note] of [
      [first, 'Butuh pendamping lansia'],
      [second, null],
    ] as const) {
      await asSelatan(cookie, `mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`, {
        input: { workerId: requested.id, organisationId: lks.id, startsOn: '2025-03-03', note },
      });
    }

    const page = await browser.newPage();
    await signIn(page, 'koordinator', '/placement-requests');
    await page.getByRole('heading', { level: 1, name: 'Permintaan penempatan' }).waitFor();
    const toAnswer = page.getByTestId('placement-requests-to-answer');
    const rowOf = (name: string) => toAnswer.getByTestId('placement-request-row').filter({ hasText: name });
    await rowOf(first.fullName).waitFor();
    expect(await rowOf(first.fullName).textContent()).toContain('Butuh pendamping lansia');
    expect(await rowOf(first.fullName).textContent()).toContain(lks.name);
    await screenshot(page, '40-placement-requests');

    await rowOf(first.fullName).getByRole('button', { name: 'Terima' }).click();
    await page.getByText(`${first.fullName} ditempatkan di ${lks.name}`).waitFor();
    await rowOf(first.fullName).waitFor({ state: 'detached' });

    await rowOf(second.fullName).getByRole('button', { name: 'Tolak' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tolak' }).click();
    await dialog.getByText('Wajib diisi').waitFor();
    await dialog.getByRole('textbox', { name: 'Alasan' }).fill('Sedang bertugas di Cibabat');
    await dialog.getByRole('button', { name: 'Tolak' }).click();
    await page.getByText(`Permintaan penempatan ${second.fullName} ditolak`).waitFor();
    await rowOf(second.fullName).waitFor({ state: 'detached' });

    // What the server recorded: the first placed (at Selatan's LKS, she stays Utara's), the second declined.
    const { placementRequests } = await graphql<{ placementRequests: { status: string; declineReason: string | null; worker: { id: string } }[] }>(
      baseUrl,
      `{ placementRequests(organisationAreaCode: "32.77.01") { status declineReason worker { id } } }`,
    );
    expect(placementRequests.find((request) => request.worker.id === first.id)).toMatchObject({ status: 'ACCEPTED' });
    expect(placementRequests.find((request) => request.worker.id === second.id)).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Sedang bertugas di Cibabat',
    });

    // In English too.
    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Placement requests' }).waitFor();
    await page.getByText('No request is waiting for your answer.').waitFor();
    await page.getByTestId('locale-switch').click(); // back to Indonesian for the next test (the choice is kept)
    await page.getByRole('heading', { level: 1, name: 'Permintaan penempatan' }).waitFor();
    await page.close();
  });

  it('offers no answer on the requests the area asked itself, only withdrawing them; and is not in a viewer\'s menu', async () => {
    const tengah = await worker('Asep Tengah Penempatan', '32.77.02.1001');
    const { organisations } = await graphql<{ organisations: { nodes: { id: string }[] } }>(
      baseUrl,
      `{ organisations(filter: { areaCode: "32.77.03", kinds: [SOCIAL_WELFARE_INSTITUTION] }, first: 1) { nodes { id } } }`,
    );
    await graphql(
      baseUrl,
      `mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      { input: { workerId: tengah.id, organisationId: organisations.nodes[0]!.id, startsOn: '2025-04-01' } },
      { user: 'koordinator' },
    );
    const page = await browser.newPage();
    await signIn(page, 'koordinator', '/placement-requests');
    const asked = page.getByTestId('placement-requests-asked');
    await asked.getByTestId('placement-request-row').first().waitFor();
    expect(await asked.getByText('Menunggu').count()).toBeGreaterThan(0);
    expect(await asked.getByRole('button', { name: 'Terima' }).count()).toBe(0);

    // The area takes its request back: confirmed in a dialog, then shown as withdrawn, with nothing left to do.
    const row = asked.getByTestId('placement-request-row').filter({ hasText: tengah.fullName });
    await row.getByRole('button', { name: 'Tarik kembali' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('tidak menempatkan siapa pun').waitFor();
    await dialog.getByRole('button', { name: 'Tarik kembali' }).click();
    await page.getByText(`Permintaan untuk ${tengah.fullName} ditarik kembali`).waitFor();
    await row.getByText('Ditarik kembali').waitFor();
    expect(await row.getByRole('button', { name: 'Tarik kembali' }).count()).toBe(0);
    const { placementRequests } = await graphql<{ placementRequests: { status: string; worker: { id: string } }[] }>(
      baseUrl,
      `{ placementRequests(organisationAreaCode: "32.77.03") { status worker { id } } }`,
    );
    expect(placementRequests.find((request) => request.worker.id === tengah.id)).toMatchObject({ status: 'WITHDRAWN' });
    await page.close();

    const viewerPage = await browser.newPage();
    await signIn(viewerPage, 'pengamat', '/workers');
    expect(await viewerPage.getByRole('link', { name: 'Permintaan penempatan' }).count()).toBe(0);
    await viewerPage.close();
  });
  it('shows a coordinator the edit buttons only on records of their area (viewerCanManage)', async () => {
    const own = await worker('Sari Utara Tombol', '32.77.03.1003');
    const other = await worker('Euis Selatan Tombol', '32.77.01.1004');
    const { organisations } = await graphql<{ organisations: { nodes: { id: string; name: string; areaCode: string }[] } }>(
      baseUrl,
      `{ organisations(filter: { kinds: [SOCIAL_WELFARE_INSTITUTION] }, first: 100) { nodes { id name areaCode } } }`,
    );
    const utaraLks = organisations.nodes.find((node) => node.areaCode.startsWith('32.77.03.'))!;
    const selatanLks = organisations.nodes.find((node) => node.areaCode.startsWith('32.77.01.'))!;
    const page = await browser.newPage();
    /** The page's action buttons, once its record is shown (its name is the page's heading). */
    const buttons = async (path: string, name: string) => {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
      return {
        edit: await page.getByRole('button', { name: 'Ubah' }).count(),
        certificate: await page.getByRole('button', { name: 'Catat sertifikat' }).count(),
        assign: await page.getByRole('button', { name: 'Tugaskan Peksos' }).count(),
      };
    };
    await signIn(page, 'koordinator', `/workers/${own.id}`);
    expect(await buttons(`/workers/${own.id}`, own.fullName)).toMatchObject({ edit: 1, certificate: 1 });
    expect(await buttons(`/workers/${other.id}`, other.fullName)).toMatchObject({ edit: 0, certificate: 0 });
    expect(await buttons(`/organisations/${utaraLks.id}`, utaraLks.name)).toMatchObject({ edit: 1, assign: 1 });
    expect(await buttons(`/organisations/${selatanLks.id}`, selatanLks.name)).toMatchObject({ edit: 0, assign: 0 });
    await page.close();
  });
  it('turns the assign dialog into a placement request for another area\'s worker; the gap stays until it is accepted', async () => {
    const asked = await worker('Aan Selatan Diminta', '32.77.01.1005');
    const { createOrganisation: lks } = await graphql<{ createOrganisation: { id: string; name: string } }>(
      baseUrl,
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`,
      { input: { name: 'LKS Permintaan Utara', kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1004' } },
    );
    const page = await browser.newPage();
    await signIn(page, 'koordinator', `/organisations/${lks.id}`);
    await page.getByRole('button', { name: 'Tugaskan Peksos' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, 'Peksos', asked.fullName);
    await dialog.getByTestId('assign-as-request').waitFor();
    expect(await dialog.getByTestId('assign-as-request').textContent()).toContain('di luar wilayah Anda');
    await dialog.getByRole('textbox', { name: 'Catatan untuk koordinator (opsional)' }).fill('Butuh pendamping disabilitas');
    await screenshot(page, '41-assign-as-placement-request');
    await dialog.getByRole('button', { name: 'Kirim permintaan penempatan' }).click();
    await page.getByText(`Permintaan penempatan ${asked.fullName} di ${lks.name} dikirim`).waitFor();

    const { placementRequests, organisationsLackingWorker } = await graphql<{
      placementRequests: { status: string; note: string; worker: { id: string } }[];
      organisationsLackingWorker: { nodes: { id: string }[] };
    }>(
      baseUrl,
      `{ placementRequests(status: PENDING, areaCode: "32.77.01") { status note worker { id } }
         organisationsLackingWorker(filter: { areaCode: "32.77.03" }, first: 100) { nodes { id } } }`,
    );
    expect(placementRequests).toContainEqual({ status: 'PENDING', note: 'Butuh pendamping disabilitas', worker: { id: asked.id } });
    expect(organisationsLackingWorker.nodes.map((node) => node.id)).toContain(lks.id);
    await page.close();
  });
});
