import type { DataSource } from 'typeorm';
import type { ImportKind, ImportReport } from '@peksos/types';
import { runImport, type ImporterFactory, type ImportOptions } from './engine.js';
import { assignmentsImporter } from './assignments.importer.js';
import { organisationsImporter } from './organisations.importer.js';
import { workersImporter } from './workers.importer.js';

const IMPORTERS: Record<ImportKind, ImporterFactory> = {
  organisations: organisationsImporter as ImporterFactory,
  workers: workersImporter as ImporterFactory,
  assignments: assignmentsImporter as ImporterFactory,
};

/**
 * Imports a CSV or XLSX file of organisations, workers or assignments. With `dryRun` nothing is written and the
 * report says, row by row, what applying would create, update, leave unchanged or refuse and why. Otherwise the
 * whole file is applied in one transaction, or nothing when any row is refused. Importing the same file twice
 * changes nothing the second time.
 */
export function importFile(dataSource: DataSource, options: ImportOptions): Promise<ImportReport> {
  return runImport(dataSource, options, IMPORTERS);
}
