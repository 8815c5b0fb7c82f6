import { Access, type AccessRule, type ModuleExport } from '@peksos/schema-kit';
import { EXPORT_LISTS } from '@peksos/types';

export type RouteRule = Exclude<AccessRule, 'anyone'>;

/**
 * Who may use the transfer module's routes (docs/access.md), declared beside them as the schema modules declare the
 * rules of their operations. The router applies them on each route, where express has matched and decoded the path,
 * with the enforcement the server gives it (`TransferRouterOptions.authorize`). Within a
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
 * The rule of an export (`file` as the route's parameter gives it, decoded): a list a module offers
 * (`SchemaModule.exports`) carries its own rule; an unknown list is for staff (who then learn it does not exist).
 */
export function exportAccessRule(file: string, moduleExports: readonly ModuleExport[] = []): RouteRule {
  const offered = moduleExports.find((candidate) => file.startsWith(`${candidate.name}.`));
  if (offered) return offered.access;
  const own = EXPORT_LISTS.find((list) => file.startsWith(`${list}.`));
  return own ? TRANSFER_ACCESS.exports[own] : Access.staff;
}
