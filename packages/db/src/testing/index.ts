import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseLocation } from '../database.js';

/**
 * Where a test file's database lives. With DATABASE_URL set, a fresh database is created on that PostgreSQL server
 * (and dropped by `dispose`), so test files never see each other's rows; without it, an in-memory embedded PGlite.
 * The same tests therefore run on both databases: CI runs the suite once each way.
 */
export interface TestDatabaseLocation {
  location: DatabaseLocation;
  dispose(): Promise<void>;
}

export async function createTestDatabaseLocation(): Promise<TestDatabaseLocation> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return { location: { kind: 'embedded', dataDir: null }, dispose: async () => {} };
  }
  const name = `peksos_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    location: { kind: 'postgres', url: url.toString() },
    dispose: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database kind for test names: "embedded" or "postgres". */
export function testDatabaseKind(): 'embedded' | 'postgres' {
  return process.env.DATABASE_URL ? 'postgres' : 'embedded';
}
