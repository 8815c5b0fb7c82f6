import { Access, type AccessRule, type ModuleExport } from '@peksos/schema-kit';
import { EXPORT_LISTS } from '@peksos/types';

type RouteRule = Exclude<AccessRule, 'anyone'>;

/**
 * Who may use the transfer module's routes (docs/access.md), declared beside them as the schema modules declare the
 * rules of their operations; the server refuses anyone else before a route runs (`transferAccessRule`). Within a
 * route the database's rules hold every row written, and an import reports a row the caller may not change as
 * FORBIDDEN naming its column.
 */
export const TRANSFER_ACCESS = {
  /** Imports: admins, since a file may hold rows of any area (docs/access.md). */
  import: Access.admins,
  /** The lists with workers' contact details are for those who may read them; the others for all staff. */
  exports: {
    'coverage-gaps': Access.staff,
    organisations: Access.staff,
    'workforce-summary': Access.staff,
    workers: Access.managers,
    assignments: Access.managers,
  },
  templates: Access.staff,
  /** The printable report and its script. */
  report: Access.staff,
} as const satisfies {
  import: RouteRule;
  exports: Record<(typeof EXPORT_LISTS)[number], RouteRule>;
  templates: RouteRule;
  report: RouteRule;
};

/**
 * The rule of a request to one of the transfer routes, or null when the path is none of them. A list a module offers
 * (`SchemaModule.exports`) carries its own rule; an unknown list is for staff (who then learn it does not exist).
 */
export function transferAccessRule(method: string, path: string, moduleExports: readonly ModuleExport[] = []): RouteRule | null {
  if (method === 'POST' && path.startsWith('/api/import/')) return TRANSFER_ACCESS.import;
  if (path.startsWith('/api/export/')) {
    const file = path.slice('/api/export/'.length);
    const offered = moduleExports.find((candidate) => file.startsWith(`${candidate.name}.`));
    if (offered) return offered.access;
    const own = EXPORT_LISTS.find((list) => file.startsWith(`${list}.`));
    return own ? TRANSFER_ACCESS.exports[own] : Access.staff;
  }
  if (path.startsWith('/api/templates/')) return TRANSFER_ACCESS.templates;
  if (path === '/report' || path.startsWith('/report/')) return TRANSFER_ACCESS.report;
  return null;
}
