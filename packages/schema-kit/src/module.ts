import type { DataSource, EntityManager, MigrationInterface } from 'typeorm';
import type { NonEmptyArray } from 'type-graphql';
import type { BilingualLabel, Locale } from '@peksos/types';
import type { AccessRule, Actor, ModuleAccess } from './access.js';
import type { ConstraintMeanings } from './errors.js';
import type { NodeType } from './relay.js';
import type { NeedsActionSource } from './needs-action.js';
import type { AuditedRecordKind } from './record-history.js';

export type MigrationClass = new () => MigrationInterface;

/**
 * A schema module: one domain's part of the registry, from its tables to its GraphQL operations. The core domains
 * (workforce, cases) are modules like any extension; `apps/api` loads the modules named in its configuration
 * (`apps/api/modules.json`, or `PEKSOS_MODULES`) and knows nothing else about them. A module uses another module
 * only through what that module's package exports. See docs/extending.md.
 */
export interface SchemaModule {
  /** A short, unique name, such as `workforce`. */
  name: string;
  /** Names of the modules this one builds on; they must be loaded too, and their migrations run first. */
  dependsOn: string[];
  /** TypeORM entity classes of the module's tables. */
  entities: Function[];
  /** type-graphql resolver classes: the module's queries, mutations and fields (also fields on other modules' types). */
  resolvers: NonEmptyArray<Function>;
  /**
   * The module's migrations. TypeORM runs all modules' migrations in timestamp order, so a module's timestamps must
   * be later than those of the modules it depends on (checked when the modules are loaded).
   */
  migrations: MigrationClass[];
  /** What each of the module's named database constraints means to a client. */
  constraintMeanings: ConstraintMeanings;
  /** Who may call each of the module's operations and read each of its types (see access.ts). */
  access: ModuleAccess;
  /** The module's types that implement Node, so that `node(id:)` can fetch them (see relay.ts). */
  nodeTypes?: NodeType[];
  /** Demo rows the module adds to a named data set (such as `cimahi`), after the core data set is loaded. */
  dataSets?: Record<string, (manager: EntityManager) => Promise<void>>;
  /** Lists the module offers as spreadsheets at `/api/export/{name}.{csv|xlsx}` (docs/import-export.md). */
  exports?: ModuleExport[];
  /** What the module adds to the needs-action list (*Perlu tindakan*, see needs-action.ts). */
  needsAction?: NeedsActionSource[];
  /** How the audit log names the module's records and links them to others, for records' histories (record-history.ts). */
  auditedRecords?: AuditedRecordKind[];
}

/** One cell of an exported row: dates are `YYYY-MM-DD` strings. */
export type ExportCell = string | number | boolean | null;

export interface ModuleExportColumn {
  header: BilingualLabel;
  type: 'text' | 'date' | 'number' | 'boolean';
  /** Width in characters for XLSX. */
  width?: number;
}

/** Who asks for an export, and in which language. */
export interface ModuleExportContext {
  dataSource: DataSource;
  actor: Actor;
  today: string;
  locale: Locale;
}

/**
 * A list a module offers as a download. The server writes it (CSV with formula cells neutralised, or XLSX with typed
 * cells) with @peksos/transfer's writers, and refuses callers whose role is not in `access`; `rows` reads through the
 * module's own services, so the caller sees in the file what they see in the API.
 */
export interface ModuleExport {
  /** The list's name in the address: `cases` for `/api/export/cases.csv`. */
  name: string;
  access: Exclude<AccessRule, 'anyone'>;
  /** The worksheet's name. */
  title: string;
  columns: ModuleExportColumn[];
  /**
   * Checks the query string's filters (a bad one throws a DomainError naming the field, before any byte is sent) and
   * returns the rows, produced page by page.
   */
  rows(context: ModuleExportContext, query: Readonly<Record<string, string>>): Promise<AsyncIterable<ExportCell[]>>;
}

/** The timestamp TypeORM orders a migration by: the trailing 13 digits of its class name. */
export function migrationTimestamp(migration: MigrationClass): number {
  const match = /(\d{13})$/.exec(migration.name);
  if (!match) throw new Error(`Migration ${migration.name} must end with a 13-digit timestamp`);
  return Number(match[1]);
}

/**
 * Checks a list of modules: unique names, dependencies present and listed first, migrations ordered after those of
 * the modules they depend on. Throws an Error naming every problem.
 */
export function checkModules(modules: SchemaModule[]): void {
  const problems: string[] = [];
  const seen = new Map<string, SchemaModule>();
  for (const module of modules) {
    if (seen.has(module.name)) problems.push(`module ${module.name} is listed twice`);
    for (const dependency of module.dependsOn) {
      const loaded = seen.get(dependency);
      if (!loaded) {
        problems.push(`module ${module.name} depends on ${dependency}, which must be listed before it`);
        continue;
      }
      const latest = Math.max(0, ...loaded.migrations.map(migrationTimestamp));
      for (const migration of module.migrations) {
        if (migrationTimestamp(migration) <= latest) {
          problems.push(`migration ${migration.name} of ${module.name} must be later than every migration of ${dependency}`);
        }
      }
    }
    seen.set(module.name, module);
  }
  if (problems.length > 0) throw new Error(`Invalid schema modules:\n  - ${problems.join('\n  - ')}`);
}
