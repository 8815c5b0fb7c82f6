import { AREA_CODE_PATTERN, CASE_STATUS_LABELS, CaseStatus, type Locale } from '@peksos/types';
import { Access, SortDirection, badInput, type ExportCell, type ModuleExport, type ModuleExportContext } from '@peksos/schema-kit';
import { OrganisationService, ProfessionalRoleService, WorkerService } from '@peksos/schema-workforce';
import { CaseInvolvementService } from '../involvements/case-involvement.service.js';
import { PmksCategory } from '../pmks-categories/pmks-category.entity.js';
import { CaseSortField, type CaseFilter } from './case.input.js';
import { CaseService } from './case.service.js';

const PAGE = 100;

/** The query string of `/api/export/cases.{csv|xlsx}`: the console's filters (`q`, `status`, `category`, `area`). */
function caseFilter(query: Readonly<Record<string, string>>): CaseFilter {
  const filter: CaseFilter = {};
  if (query.search) filter.search = query.search.slice(0, 100);
  if (query.status) {
    if (!(Object.values(CaseStatus) as string[]).includes(query.status)) {
      throw badInput('status', `status must be one of ${Object.values(CaseStatus).join(', ')}`);
    }
    filter.status = query.status as CaseStatus;
  }
  if (query.pmksCategoryCode) filter.pmksCategoryCode = query.pmksCategoryCode;
  if (query.areaCode) {
    if (!AREA_CODE_PATTERN.test(query.areaCode)) throw badInput('areaCode', 'An area code is a Kemendagri code such as 32.77 or 32.77.01.1001');
    filter.areaCode = query.areaCode;
  }
  return filter;
}

function labelIn(locale: Locale, item: { labelId: string; labelEn: string }): string {
  return locale === 'en' ? item.labelEn : item.labelId;
}

/** The cases list as the console shows it, newest first, through the module's services (so as the caller may read it). */
async function* caseRows({ dataSource, actor, today, locale }: ModuleExportContext, filter: CaseFilter): AsyncGenerator<ExportCell[]> {
  const cases = new CaseService(dataSource, today);
  const involvements = new CaseInvolvementService(dataSource, today);
  const organisations = new OrganisationService(dataSource, today);
  const workers = new WorkerService(dataSource, today);
  const roles = new ProfessionalRoleService(dataSource);
  const categories = new Map(
    (await dataSource.getRepository(PmksCategory).find()).map((category) => [category.code, labelIn(locale, category)]),
  );
  let after: string | null = null;
  for (;;) {
    const page = await cases.list(filter, { field: CaseSortField.OPENED_ON, direction: SortDirection.DESC }, { first: PAGE, after }, actor);
    const nodes = page.nodes;
    const caseInvolvements = await involvements.byCaseIds(nodes.map((node) => node.id), false);
    const organisationNames = new Map(
      (await organisations.byIds([...new Set(nodes.map((node) => node.organisationId))])).map((organisation) => [organisation.id, organisation.name]),
    );
    const workerNames = new Map(
      (await workers.byIds([...new Set(caseInvolvements.map((involvement) => involvement.workerId))])).map((worker) => [worker.id, worker.fullName]),
    );
    const roleLabels = new Map(
      (await roles.byCodes([...new Set(caseInvolvements.map((involvement) => involvement.roleCode))])).map((role) => [role.code, labelIn(locale, role)]),
    );
    for (const node of nodes) {
      const involved = caseInvolvements
        .filter((involvement) => involvement.caseId === node.id)
        .map((involvement) => `${workerNames.get(involvement.workerId) ?? ''} (${roleLabels.get(involvement.roleCode) ?? involvement.roleCode})`);
      yield [
        node.reference,
        CASE_STATUS_LABELS[node.status][locale],
        categories.get(node.pmksCategoryCode) ?? node.pmksCategoryCode,
        organisationNames.get(node.organisationId) ?? null,
        node.openedOn,
        node.closedOn,
        involved.join('; '),
      ];
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/**
 * `/api/export/cases.{csv|xlsx}`: the cases, with the filters of the console's list (`search`, `status`,
 * `pmksCategoryCode`, `areaCode`), for staff.
 */
export const casesExport: ModuleExport = {
  name: 'cases',
  access: Access.staff,
  title: 'Kasus',
  columns: [
    { header: { id: 'Nomor kasus', en: 'Reference' }, type: 'text', width: 16 },
    { header: { id: 'Status', en: 'Status' }, type: 'text', width: 10 },
    { header: { id: 'Kategori PMKS', en: 'PMKS category' }, type: 'text', width: 30 },
    { header: { id: 'Organisasi', en: 'Organisation' }, type: 'text', width: 30 },
    { header: { id: 'Dibuka', en: 'Opened on' }, type: 'date' },
    { header: { id: 'Ditutup', en: 'Closed on' }, type: 'date' },
    { header: { id: 'Keterlibatan Peksos', en: 'Workers involved' }, type: 'text', width: 50 },
  ],
  async rows(context, query) {
    const filter = caseFilter(query);
    return caseRows(context, filter);
  },
};
