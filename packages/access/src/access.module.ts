import { Access, ErrorCode, type SchemaModule } from '@peksos/schema-kit';
import { Account } from './accounts/account.entity.js';
import { AccountResolver } from './accounts/account.resolver.js';
import { ApiKey } from './api-keys/api-key.entity.js';
import { ApiKeyResolver } from './api-keys/api-key.resolver.js';
import { AuditRecord } from './audit/audit-record.entity.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AccessSchema1764600000000 } from './migrations/1764600000000-access-schema.js';
import { RateLimits1764600010000 } from './migrations/1764600010000-rate-limits.js';
import { DropUnusedSignInColumns1764600020000 } from './migrations/1764600020000-drop-unused-sign-in-columns.js';
import { AuditRecordReferencesIndex1764600030000 } from './migrations/1764600030000-audit-record-references-index.js';
import { Session } from './sessions/session.entity.js';

/**
 * Accounts, sessions, partner API keys and the audit log's API. apps/api always loads it, after the modules of
 * apps/api/modules.json: every installation has sign-in and an audit log.
 */
export const accessModule: SchemaModule = {
  name: 'access',
  dependsOn: ['workforce'],
  entities: [Account, Session, ApiKey, AuditRecord],
  resolvers: [AccountResolver, ApiKeyResolver, AuditResolver],
  migrations: [AccessSchema1764600000000, RateLimits1764600010000, DropUnusedSignInColumns1764600020000, AuditRecordReferencesIndex1764600030000],
  constraintMeanings: {
    account_username_key: { code: ErrorCode.CONFLICT, field: 'username', message: 'The username is taken' },
    account_username_format: {
      code: ErrorCode.BAD_USER_INPUT,
      field: 'username',
      message: 'username must be 3 to 64 lower-case letters, digits, . _ or -',
    },
    account_coordinator_area: {
      code: ErrorCode.BAD_USER_INPUT,
      field: 'areaCode',
      message: 'A coordinator, and only a coordinator, has an area',
    },
    account_area_fkey: { code: ErrorCode.NOT_FOUND, field: 'areaCode', message: 'The area does not exist' },
    api_key_organisation_organisation_fkey: {
      code: ErrorCode.NOT_FOUND,
      field: 'organisationIds',
      message: 'An organisation of the key does not exist',
    },
  },
  access: {
    operations: {
      'Query.me': Access.anyone,
      'Mutation.signIn': Access.anyone,
      'Mutation.signOut': Access.anyone,
      'Mutation.changeMyPassword': Access.staff,
      'Query.accounts': Access.admins,
      'Mutation.createAccount': Access.admins,
      'Mutation.updateAccount': Access.admins,
      'Mutation.setAccountPassword': Access.admins,
      'Query.apiKeys': Access.admins,
      'Mutation.createApiKey': Access.admins,
      'Mutation.revokeApiKey': Access.admins,
      'Query.auditRecords': Access.admins,
    },
    types: {
      // Who is asking, and the result of signing in: shown to the caller about themselves.
      Me: Access.anyone,
      SignInResult: Access.anyone,
      Account: Access.anyone,
      ApiKey: Access.admins,
      CreatedApiKey: Access.admins,
      AuditRecord: Access.admins,
    },
  },
};
