import { describe, expect, it } from 'vitest';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { ConfigError, loadConfig } from './config.js';
import { operationCost } from '@peksos/server';

describe('configuration', () => {
  it('defaults to the embedded database with the Cimahi data set on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database.kind).toBe('embedded');
    expect(config.dataSet).toBe('cimahi');
    expect(config.timeZone).toBe('Asia/Jakarta');
  });

  it('uses PostgreSQL with DATABASE_URL, and loads no demo data there unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/peksos' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/peksos' });
    expect(config.dataSet).toBe('none');
  });

  it('reads from a replica given with DATABASE_REPLICA_URL, which needs DATABASE_URL', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://postgres@primary:5432/peksos', DATABASE_REPLICA_URL: 'postgres://postgres@replica:5432/peksos' }).database,
    ).toEqual({ kind: 'postgres', url: 'postgres://postgres@primary:5432/peksos', replicaUrl: 'postgres://postgres@replica:5432/peksos' });
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://postgres@replica:5432/peksos' })).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://postgres@primary:5432/peksos', DATABASE_REPLICA_URL: 'replica:5432' })).toThrow(
      /DATABASE_REPLICA_URL must be a PostgreSQL URL/,
    );
  });

  it('keeps the embedded database in memory when asked', () => {
    expect(loadConfig({ PEKSOS_DATA_DIR: 'memory' }).database).toEqual({ kind: 'embedded', dataDir: null });
  });

  it('waits longer for the embedded database’s one connection than for a PostgreSQL pool, and stops within a grace period', () => {
    expect(loadConfig({}).databaseWaitSeconds).toBe(30);
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/peksos' }).databaseWaitSeconds).toBe(5);
    expect(loadConfig({ PEKSOS_DB_WAIT_SECONDS: '12' }).databaseWaitSeconds).toBe(12);
    expect(loadConfig({}).shutdownGraceSeconds).toBe(10);
    expect(loadConfig({ PEKSOS_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds).toBe(0);
    expect(() => loadConfig({ PEKSOS_SHUTDOWN_GRACE_SECONDS: '-1', PEKSOS_DB_WAIT_SECONDS: '0' })).toThrow(
      /PEKSOS_SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600[\s\S]*PEKSOS_DB_WAIT_SECONDS must be a whole number from 1 to 600/,
    );
  });

  it('trusts a number of proxy hops or their addresses, never every X-Forwarded-For entry', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ PEKSOS_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ PEKSOS_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback']);
    expect(() => loadConfig({ PEKSOS_TRUST_PROXY: 'true' })).toThrow(/PEKSOS_TRUST_PROXY .*true would trust the X-Forwarded-For entry a caller writes/);
    expect(() => loadConfig({ PEKSOS_TRUST_PROXY: '10.0.0.0/40' })).toThrow(/PEKSOS_TRUST_PROXY must be/);
    expect(loadConfig({ PEKSOS_SIGN_IN_LIMIT_PER_MINUTE: '5' }).access.signInsPerMinutePerAddress).toBe(5);
  });

  it('bounds the estimated cost of an operation at 10,000 unless PEKSOS_MAX_QUERY_COST says otherwise', () => {
    expect(loadConfig({}).maxQueryCost).toBe(10_000);
    expect(loadConfig({ PEKSOS_MAX_QUERY_COST: '200000' }).maxQueryCost).toBe(200_000);
    expect(() => loadConfig({ PEKSOS_MAX_QUERY_COST: '0' })).toThrow(/PEKSOS_MAX_QUERY_COST must be a whole number from 100/);
    const schema = buildSchema('type Item { id: ID items(first: Int): [Item] } type Query { items(first: Int): [Item] }');
    // 50 items of 100 items: (2 + 1 + (2 + 1) × 100) × 50 (query-limits.ts).
    const document = parse('{ items(first: 50) { id items(first: 100) { id } } }');
    const cost = operationCost(schema, document, document.definitions[0] as OperationDefinitionNode);
    expect(cost).toBe(15_150);
    expect(cost).toBeGreaterThan(loadConfig({}).maxQueryCost);
    expect(cost).toBeLessThanOrEqual(loadConfig({ PEKSOS_MAX_QUERY_COST: '200000' }).maxQueryCost);
  });

  it('names every wrong value at once', () => {
    try {
      loadConfig({ PORT: 'eighty', PEKSOS_DATA_SET: 'Jakarta Raya!', PEKSOS_TIME_ZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(4);
      expect((error as ConfigError).message).toMatch(/PORT/);
    }
  });
});
