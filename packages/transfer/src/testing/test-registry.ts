import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadDataSetIfEmpty, migrate, openDatabase, systemContext, withAuditContext, type Database } from '@peksos/db';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '@peksos/db/testing';
import { SYSTEM_ACTOR } from '@peksos/schema-kit';
import { workforceModule } from '@peksos/schema-workforce';
import { createTransferRouter } from '../transfer.router.js';

export interface TestRegistry {
  database: Database;
  /** Base URL of a small express app with only the transfer router mounted. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real database (in-memory PGlite, or a fresh database on DATABASE_URL's server) with the workforce tables, the
 * Cimahi data set when asked, and the transfer router served over real HTTP on a free port.
 */
export async function startTestRegistry(options: { dataSet: 'cimahi' | 'none'; allowFullNationalIdNumbers?: boolean }): Promise<TestRegistry> {
  const location: TestDatabaseLocation = await createTestDatabaseLocation();
  const database = await openDatabase({
    location: location.location,
    entities: workforceModule.entities,
    migrations: workforceModule.migrations,
  });
  await migrate(database.dataSource);
  if (options.dataSet === 'cimahi') await loadDataSetIfEmpty(database.dataSource.manager, [workforceModule.dataSets!.cimahi!]);

  const app = express();
  // The server authenticates every caller and runs the request as them; here every request is an admin's (the system).
  app.use((_request, response, next) => {
    response.locals.actor = SYSTEM_ACTOR;
    withAuditContext(systemContext('test request', 'test'), () => next());
  });
  app.use(
    createTransferRouter({
      dataSource: database.dataSource,
      timeZone: 'Asia/Jakarta',
      allowFullNationalIdNumbers: options.allowFullNationalIdNumbers ?? false,
      // Every request here is an admin's: nothing to refuse.
      authorize: () => (_request, _response, next) => next(),
    }),
  );
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    database,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      await location.dispose();
    },
  };
}

/** Copies the reference areas of one database into another (imports need the areas to exist). */
export async function copyAreas(from: Database, to: Database): Promise<void> {
  const areas = (await from.dataSource.query(
    `SELECT code, name, level, parent_code, population, population_year, population_source FROM area ORDER BY length(code), code`,
  )) as Record<string, unknown>[];
  // Reference data: only the system may write it.
  await withAuditContext(systemContext('copy areas', 'test'), () =>
    to.dataSource.transaction(async (manager) => {
      for (const area of areas) {
        await manager.query(
          `INSERT INTO area (code, name, level, parent_code, population, population_year, population_source) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [area.code, area.name, area.level, area.parent_code, area.population, area.population_year, area.population_source],
        );
      }
    }),
  );
}

/** Sends a file to an import endpoint. */
export async function postImport(
  registry: TestRegistry,
  kind: string,
  body: string | Buffer,
  query: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const params = new URLSearchParams(query).toString();
  const response = await fetch(`${registry.url}/api/import/${kind}${params ? `?${params}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/octet-stream' },
    body,
  });
  return { status: response.status, body: await response.json() };
}
