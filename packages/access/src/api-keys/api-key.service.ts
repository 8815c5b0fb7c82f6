import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { badInput, conflict, DomainError, ErrorCode, isUuid, lockForUpdate, type Actor } from '@peksos/schema-kit';
import { hashSecret, newSecret, sameHash } from '../secrets.js';
import { ApiKey } from './api-key.entity.js';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The whole key, to hand to the partner: shown once, never stored. */
  secret: string;
}

const KEY_PATTERN = /^(pks_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const MAX_ORGANISATIONS = 200;

/** Partner API keys: `pks_<12 hex>_<secret>`. The prefix finds the key; only a hash of the secret is stored. */
export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /**
   * A key for the organisations named by their ids or their codes (`PKH-3277`), as a partner's admin knows them: the
   * createApiKey mutation and `pnpm admin api-key create --organisation` both come here.
   */
  async create(name: string, organisations: string[], createdById: string | null): Promise<CreatedApiKey> {
    const trimmed = name.trim();
    if (!trimmed) throw badInput('name', 'Give the key a name: who it is for');
    if (trimmed.length > 200) throw badInput('name', 'The name may be at most 200 characters');
    const references = [...new Set(organisations.map((reference) => reference.trim()))];
    if (references.length === 0) throw badInput('organisationIds', 'A key needs at least one organisation');
    if (references.length > MAX_ORGANISATIONS) throw badInput('organisationIds', `At most ${MAX_ORGANISATIONS} organisations per key`);

    const prefix = `pks_${randomBytes(6).toString('hex')}`;
    const secret = newSecret();
    const apiKey = await this.dataSource.transaction(async (manager) => {
      const found = (await manager.query(`SELECT id::text AS id, code FROM organisation WHERE id = ANY($1::uuid[]) OR code = ANY($2::text[])`, [
        references.filter((reference) => isUuid(reference)),
        references.filter((reference) => !isUuid(reference)),
      ])) as { id: string; code: string | null }[];
      const ids = references.map((reference) => found.find((row) => row.id === reference.toLowerCase() || row.code === reference)?.id ?? null);
      const missing = references.find((_, index) => ids[index] === null);
      if (missing !== undefined) {
        throw new DomainError(ErrorCode.NOT_FOUND, `No organisation with the id or code ${missing}`, 'organisationIds');
      }
      const unique = [...new Set(ids as string[])];
      const repository = manager.getRepository(ApiKey);
      const saved = await repository.save(repository.create({ name: trimmed, prefix, secretHash: hashSecret(secret), createdById }));
      await manager.query(
        `INSERT INTO api_key_organisation (api_key_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
        [saved.id, unique],
      );
      return saved;
    });
    return { apiKey, secret: `${prefix}_${secret}` };
  }

  async revoke(id: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await lockForUpdate(manager, ApiKey, id, { what: 'API key' });
      if (apiKey.revokedAt) throw conflict('The key is already revoked');
      apiKey.revokedAt = new Date();
      return manager.getRepository(ApiKey).save(apiKey);
    });
  }

  async organisationIdsByKey(keyIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT api_key_id, organisation_id FROM api_key_organisation WHERE api_key_id = ANY($1::uuid[]) ORDER BY organisation_id`,
      [keyIds],
    )) as { api_key_id: string; organisation_id: string }[];
    const byKey = new Map<string, string[]>(keyIds.map((id) => [id, []]));
    for (const row of rows) byKey.get(row.api_key_id)!.push(row.organisation_id);
    return byKey;
  }

  /** The partner behind a bearer key, or null when the key is malformed, unknown or revoked. */
  async authenticate(key: string): Promise<Actor | null> {
    const match = KEY_PATTERN.exec(key);
    if (!match) return null;
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.name, k.secret_hash,
              coalesce(array_agg(o.organisation_id ORDER BY o.organisation_id) FILTER (WHERE o.organisation_id IS NOT NULL), '{}') AS organisation_ids
       FROM api_key k LEFT JOIN api_key_organisation o ON o.api_key_id = k.id
       WHERE k.prefix = $1 AND k.revoked_at IS NULL
       GROUP BY k.id`,
      [match[1]],
    )) as { id: string; name: string; secret_hash: string; organisation_ids: string[] }[];
    const row = rows[0];
    if (!row || !sameHash(hashSecret(match[2]!), row.secret_hash)) return null;
    return { kind: 'api_key', id: row.id, label: row.name, role: 'partner', areaCode: null, organisationIds: row.organisation_ids };
  }
}
