import { describe, expect, it } from 'vitest';
import { fieldError, graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/**
 * Issue 17 in the console, in Indonesian: an admin hands over a worker who goes on leave (the placement that would
 * be left uncovered goes to the proposed replacement), the organisation's and the worker's histories say so in words
 * with names that link to the records, and the needs-action list has its page and its count in the menu.
 */
describe('handover, history and needs action', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();
  const stamp = Date.now();
  const names = { leaving: `Wulan Serah Terima ${stamp}`, replacement: `AAA Pengganti ${stamp}`, organisation: `LKS Serah Terima ${stamp}` };
  const ids: Record<string, string> = {};

  async function worker(fullName: string): Promise<string> {
    const { createWorker } = await graphql<{ createWorker: { id: string } }>(
      baseUrl,
      `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`,
      { input: { fullName, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: '32.77.03.1001' } },
    );
    return createWorker.id;
  }

  it('lets an admin hand over a worker: the proposed replacement takes the placement, in one step', async () => {
    ids.leaving = await worker(names.leaving);
    ids.replacement = await worker(names.replacement);
    await graphql(baseUrl, `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId: ids.replacement, level: 'GENERALIST', certificateNumber: `E2E/SERAH/${stamp}`, issuer: 'LSPS', issuedOn: '2024-01-02' },
    });
    const { createOrganisation } = await graphql<{ createOrganisation: { id: string } }>(
      baseUrl,
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: names.organisation, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1001' } },
    );
    ids.organisation = createOrganisation.id;
    await graphql(baseUrl, `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: ids.leaving, organisationId: ids.organisation, startsOn: '2025-06-02' },
    });

    const page = await browser.newPage();
    await signIn(page, 'admin', `/workers/${ids.leaving}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(names.leaving) }).waitFor();
    await page.getByRole('button', { name: 'Serah terima' }).click();
    const dialog = page.getByRole('dialog', { name: `Serah terima tugas ${names.leaving}` });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Alasan' }).click();
    await page.getByRole('option', { name: 'Cuti' }).click();
    const placement = dialog.getByTestId('handover-placement').filter({ hasText: names.organisation });
    await placement.waitFor();
    expect(await placement.textContent()).toContain('Menjadi tanpa Peksos');
    const replacement = placement.getByRole('combobox', { name: `Pengganti untuk ${names.organisation}` });
    await expect.poll(() => replacement.inputValue()).toContain(names.replacement);
    expect(await replacement.inputValue()).toContain('bersertifikat');
    expect(await dialog.getByTestId('handover-summary').textContent()).toBe('0 organisasi dan 0 kasus akan tanpa Peksos.');
    await screenshot(page, '60-handover-dialog');

    await dialog.getByRole('button', { name: 'Terapkan serah terima' }).click();
    await page.getByText(`Serah terima ${names.leaving} diterapkan`).waitFor();
    await dialog.waitFor({ state: 'detached' });

    const { assignments } = await graphql<{ assignments: { nodes: { workerId: string; endsOn: string | null; endReason: string | null }[] } }>(
      baseUrl,
      `query ($id: ID!) { assignments(filter: { organisationId: $id }, first: 10) { nodes { workerId endsOn endReason } } }`,
      { id: ids.organisation },
    );
    const byWorker = new Map(assignments.nodes.map((assignment) => [assignment.workerId, assignment]));
    expect(byWorker.get(ids.leaving)).toMatchObject({ endReason: 'Serah terima: cuti' });
    expect(byWorker.get(ids.leaving)!.endsOn).not.toBeNull();
    expect(byWorker.get(ids.replacement)).toMatchObject({ endsOn: null });

    // The worker's own history says it in words.
    const history = page.getByTestId('record-history');
    await history.getByTestId('history-event').filter({ hasText: `berhenti bertugas di ${names.organisation}` }).first().waitFor();
    expect(await history.textContent()).toContain('oleh admin Admin Dinsos (demo)');
    await page.close();
  });

  it('shows a refused replacement at its row, not at another, and writes nothing', async () => {
    const leaving = await worker(`Tono Dua Tempat ${stamp}`);
    const standIn = await worker(`AAA Cadangan ${stamp}`);
    await graphql(baseUrl, `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId: standIn, level: 'GENERALIST', certificateNumber: `E2E/CADANGAN/${stamp}`, issuer: 'LSPS', issuedOn: '2024-01-02' },
    });
    const organisations: string[] = [];
    for (const name of [`LKS Dua ${stamp}`, `LKS Satu ${stamp}`]) {
      const { createOrganisation } = await graphql<{ createOrganisation: { id: string } }>(
        baseUrl,
        `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        { input: { name, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1001' } },
      );
      organisations.push(createOrganisation.id);
      await graphql(baseUrl, `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { workerId: leaving, organisationId: createOrganisation.id, startsOn: '2025-06-02', isPrimary: organisations.length === 1 },
      });
    }

    const page = await browser.newPage();
    await signIn(page, 'admin', `/workers/${leaving}`);
    await page.getByRole('button', { name: 'Serah terima' }).click();
    const dialog = page.getByRole('dialog', { name: `Serah terima tugas Tono Dua Tempat ${stamp}` });
    await dialog.waitFor();
    // The first row is left without a replacement, so the one sent is the second row's: replacements.0 on the server.
    const first = dialog.getByRole('combobox', { name: `Pengganti untuk LKS Dua ${stamp}` });
    const second = dialog.getByRole('combobox', { name: `Pengganti untuk LKS Satu ${stamp}` });
    await expect.poll(() => second.inputValue()).toContain(`AAA Cadangan ${stamp}`);
    await first.click();
    await page.getByRole('option', { name: 'Tanpa pengganti' }).click();
    await expect.poll(() => first.inputValue()).toBe('Tanpa pengganti');
    // Meanwhile the proposed replacement is archived: the server refuses that row (CONFLICT, replacements.0.workerId).
    await graphql(baseUrl, `mutation ($id: ID!) { archiveWorker(id: $id, reason: "Pensiun") { id } }`, { id: standIn });
    await dialog.getByRole('button', { name: 'Terapkan serah terima' }).click();
    const problem = dialog.getByTestId('handover-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(new RegExp(`^LKS Satu ${stamp}: Pekerja ini tidak dapat mengambil alih`));
    expect(await fieldError(page, `Pengganti untuk LKS Satu ${stamp}`)).toMatch(/^Pekerja ini tidak dapat mengambil alih: sudah diarsipkan/);
    expect(await fieldError(page, `Pengganti untuk LKS Dua ${stamp}`)).toBeNull();
    await screenshot(page, '63-handover-row-refused');

    const { assignments } = await graphql<{ assignments: { nodes: { organisationId: string; endsOn: string | null }[] } }>(
      baseUrl,
      `query ($id: ID!) { assignments(filter: { workerId: $id }, first: 10) { nodes { organisationId endsOn } } }`,
      { id: leaving },
    );
    expect(assignments.nodes.map((assignment) => assignment.endsOn)).toEqual([null, null]);
    await page.close();
  });

  it('asks an admin for a reason at the row refused for a workload limit, and applies the handover with it', async () => {
    const { workloadLimits } = await graphql<{ workloadLimits: { maxPlacements: number } }>(baseUrl, '{ workloadLimits { maxPlacements } }');
    const leaving = await worker(`Rina Batas ${stamp}`);
    const standIn = await worker(`AAA Hampir Penuh ${stamp}`);
    await graphql(baseUrl, `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId: standIn, level: 'GENERALIST', certificateNumber: `E2E/BATAS/${stamp}`, issuer: 'LSPS', issuedOn: '2024-01-02' },
    });
    const place = async (workerId: string, name: string, isPrimary: boolean) => {
      const { createOrganisation } = await graphql<{ createOrganisation: { id: string } }>(
        baseUrl,
        `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
        { input: { name, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1001' } },
      );
      await graphql(baseUrl, `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { workerId, organisationId: createOrganisation.id, startsOn: '2025-06-02', isPrimary },
      });
      return createOrganisation.id;
    };
    const organisation = await place(leaving, `LKS Batas ${stamp}`, true);
    // Room for one more placement: proposed as the replacement.
    for (let index = 0; index < workloadLimits.maxPlacements - 1; index += 1) await place(standIn, `LKS Sibuk ${index} ${stamp}`, index === 0);

    const page = await browser.newPage();
    await signIn(page, 'admin', `/workers/${leaving}`);
    await page.getByRole('button', { name: 'Serah terima' }).click();
    const dialog = page.getByRole('dialog', { name: `Serah terima tugas Rina Batas ${stamp}` });
    const replacement = dialog.getByRole('combobox', { name: `Pengganti untuk LKS Batas ${stamp}` });
    await expect.poll(() => replacement.inputValue()).toContain(`AAA Hampir Penuh ${stamp}`);
    // Meanwhile the replacement takes one more placement elsewhere: at the limit now, the server refuses that row.
    await place(standIn, `LKS Terakhir ${stamp}`, false);
    await dialog.getByRole('button', { name: 'Terapkan serah terima' }).click();
    await dialog.getByTestId('handover-problem').waitFor();
    expect(await fieldError(page, `Pengganti untuk LKS Batas ${stamp}`)).not.toBeNull();
    const reason = dialog.getByRole('textbox', { name: `Alasan mengecualikan batas beban kerja untuk LKS Batas ${stamp}` });
    await reason.fill('Satu-satunya Peksos bersertifikat di kelurahan ini');
    await screenshot(page, '64-handover-limit-override');
    await dialog.getByRole('button', { name: 'Terapkan serah terima' }).click();
    await page.getByText(`Serah terima Rina Batas ${stamp} diterapkan`).waitFor();

    const { assignments } = await graphql<{ assignments: { nodes: { workerId: string; limitOverrideReason: string | null }[] } }>(
      baseUrl,
      `query ($id: ID!) { assignments(filter: { organisationId: $id }, first: 10) { nodes { workerId limitOverrideReason } } }`,
      { id: organisation },
    );
    expect(assignments.nodes.find((assignment) => assignment.workerId === standIn)?.limitOverrideReason).toBe('Satu-satunya Peksos bersertifikat di kelurahan ini');
    await page.close();
  });

  it('shows an organisation’s history in words, with links to the records, in both languages', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', `/organisations/${ids.organisation}`);
    const history = page.getByTestId('record-history');
    const placed = history.getByTestId('history-event').filter({ hasText: `${names.replacement} ditempatkan di ${names.organisation}` });
    await placed.waitFor();
    expect(await placed.textContent()).toMatch(/oleh admin Admin Dinsos \(demo\), \d{1,2} \w{3} \d{4}$/);
    const events = await history.getByTestId('history-event').allTextContents();
    expect(events.at(-1)).toContain(`Organisasi ${names.organisation} didaftarkan`);
    expect(events.some((text) => text.startsWith(`${names.leaving} berhenti bertugas di ${names.organisation}`))).toBe(true);
    expect(events.join(' ')).not.toMatch(/assignWorker|assignment|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await screenshot(page, '61-organisation-history');

    await page.getByTestId('locale-switch').click();
    await history.getByTestId('history-event').filter({ hasText: `${names.replacement} placed at ${names.organisation}` }).waitFor();
    await page.getByTestId('locale-switch').click();
    await placed.waitFor();

    await placed.getByRole('link', { name: names.replacement }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(names.replacement) }).waitFor();
    expect(page.url()).toContain(`/workers/${ids.replacement}`);
    await page.close();
  });

  it('writes the audit log in words, filtered by an operation chosen by its name', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/audit-log');
    await page.getByRole('combobox', { name: 'Operasi' }).click();
    await page.getByRole('option', { name: 'Serah terima Peksos' }).click();
    await expect.poll(() => page.url()).toContain('operation=handOverWorker');
    const rows = page.getByTestId('audit-row');
    await rows.filter({ hasText: `${names.replacement} ditempatkan di ${names.organisation}` }).first().waitFor();
    const sentence = rows.filter({ hasText: `${names.leaving} berhenti bertugas di` }).first();
    await sentence.getByRole('link', { name: names.organisation }).waitFor();
    await page.close();
  });

  it('lists what needs action, with its count in the menu', async () => {
    const { needsActionCount } = await graphql<{ needsActionCount: number }>(baseUrl, '{ needsActionCount }');
    expect(needsActionCount).toBeGreaterThan(0);
    const page = await browser.newPage();
    await signIn(page, 'admin', '/');
    const link = page.getByRole('link', { name: new RegExp(`^Perlu tindakan ${needsActionCount} butir perlu tindakan`) });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Perlu tindakan' }).waitFor();
    const rows = page.getByTestId('needs-action-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('Belum bersertifikat setelah uji');
    await screenshot(page, '62-needs-action');
    await page.close();
  });
});
