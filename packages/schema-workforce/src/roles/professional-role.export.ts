import { Access, type ExportCell, type ModuleExport } from '@peksos/schema-kit';
import { ProfessionalRoleService } from './professional-role.service.js';

/**
 * `/api/export/professional-roles.{csv|xlsx}`: the professional roles in their order, both languages; `search` keeps
 * those whose code or label contains it, as the console's list does.
 */
export const professionalRolesExport: ModuleExport = {
  name: 'professional-roles',
  access: Access.staff,
  title: 'Peran profesional',
  columns: [
    { header: { id: 'Kode', en: 'Code' }, type: 'text', width: 24 },
    { header: { id: 'Nama (Bahasa Indonesia)', en: 'Name (Indonesian)' }, type: 'text', width: 30 },
    { header: { id: 'Nama (Inggris)', en: 'Name (English)' }, type: 'text', width: 30 },
    { header: { id: 'Uraian (Bahasa Indonesia)', en: 'Description (Indonesian)' }, type: 'text', width: 50 },
    { header: { id: 'Uraian (Inggris)', en: 'Description (English)' }, type: 'text', width: 50 },
  ],
  async rows({ dataSource }, query) {
    const search = (query.search ?? '').slice(0, 100).toLowerCase();
    const roles = new ProfessionalRoleService(dataSource);
    return (async function* (): AsyncGenerator<ExportCell[]> {
      let after: string | null = null;
      for (;;) {
        const page = await roles.list({ first: 100, after });
        for (const role of page.nodes) {
          if (search && ![role.code, role.labelId, role.labelEn].some((text) => text.toLowerCase().includes(search))) continue;
          yield [role.code, role.labelId, role.labelEn, role.descriptionId, role.descriptionEn];
        }
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
        after = page.pageInfo.endCursor;
      }
    })();
  },
};
