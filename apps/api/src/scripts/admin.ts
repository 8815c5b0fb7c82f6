/**
 * Administration from the server's shell, for what must work before anyone can sign in:
 *
 *   pnpm admin create-admin --username siti [--display-name "Siti Rahayu"]   (password from PEKSOS_ADMIN_PASSWORD or stdin)
 *   pnpm admin api-key create --name "PKH Cimahi Utara" --organisation <id or code> [--organisation …]
 *   pnpm admin api-key revoke <key id>
 *   pnpm admin api-key list
 *
 * It opens the database of the server's configuration (DATABASE_URL or PEKSOS_DATA_DIR) and applies migrations
 * first. Changes are recorded in the audit log as made by `cli:<user of the shell>`. Stop the embedded server first:
 * PGlite's data directory can be open in one process only.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { migrate, openDatabase, systemContext, withAuditContext, type Database } from '@peksos/db';
import { AccessRole, AccountService, ApiKeyService } from '@peksos/access';
import { isUuid } from '@peksos/schema-kit';
import { ConfigError, loadConfig } from '../config.js';
import { loadServerModules } from '../graphql/modules.js';

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === `--${name}` && args[index + 1] !== undefined) values.push(args[index + 1]!);
  }
  return values;
}

async function readPassword(): Promise<string> {
  if (process.env.PEKSOS_ADMIN_PASSWORD) return process.env.PEKSOS_ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters; input is shown): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('No password given: set PEKSOS_ADMIN_PASSWORD or write it on standard input');
}

async function open(): Promise<Database> {
  const config = loadConfig();
  const modules = await loadServerModules(config.modules);
  const database = await openDatabase({
    location: config.database,
    entities: modules.flatMap((module) => module.entities),
    migrations: modules.flatMap((module) => module.migrations),
  });
  await migrate(database.dataSource);
  return database;
}

async function run(args: string[]): Promise<void> {
  const [command, subcommand] = args;
  const config = loadConfig();
  const database = await open();
  // The operator at the server's shell acts as the system (an admin's rights); the audit log names them.
  const operator = (operation: string) => systemContext(operation, `cli:${userInfo().username}`);
  try {
    if (command === 'create-admin') {
      const [username] = option(args, 'username');
      if (!username) throw new Error('Give --username');
      const accounts = new AccountService(database.dataSource, config.access);
      const admins = (await database.dataSource.query(
        `SELECT count(*) AS count FROM account WHERE role = 'admin' AND disabled_at IS NULL`,
      )) as [{ count: number }];
      if (admins[0].count > 0) {
        throw new Error('This installation has an admin already: further accounts are created in the console');
      }
      const password = await readPassword();
      const account = await withAuditContext(operator('create-admin'), () =>
        accounts.create({
          username,
          displayName: option(args, 'display-name')[0] ?? username,
          role: AccessRole.ADMIN,
          password,
        }),
      );
      console.log(`Created admin ${account.username} (${account.id}). Sign in to the console with it.`);
    } else if (command === 'api-key' && subcommand === 'create') {
      const [name] = option(args, 'name');
      if (!name) throw new Error('Give --name: who the key is for');
      const references = option(args, 'organisation');
      if (references.length === 0) throw new Error('Give at least one --organisation <id or code>');
      const organisationIds: string[] = [];
      for (const reference of references) {
        const rows = (await database.dataSource.query(
          isUuid(reference) ? `SELECT id FROM organisation WHERE id = $1` : `SELECT id FROM organisation WHERE code = $1`,
          [reference],
        )) as { id: string }[];
        if (!rows[0]) throw new Error(`No organisation with the id or code ${reference}`);
        organisationIds.push(rows[0].id);
      }
      const created = await withAuditContext(operator('createApiKey'), () =>
        new ApiKeyService(database.dataSource).create(name, organisationIds, null),
      );
      console.log(`Created API key ${created.apiKey.id} for ${name}. Give the partner this key; it is not shown again:`);
      console.log(created.secret);
    } else if (command === 'api-key' && subcommand === 'revoke') {
      const id = args[2];
      if (!id) throw new Error('Give the id of the key to revoke');
      await withAuditContext(operator('revokeApiKey'), () => new ApiKeyService(database.dataSource).revoke(id));
      console.log(`Revoked API key ${id}.`);
    } else if (command === 'api-key' && subcommand === 'list') {
      for (const key of await new ApiKeyService(database.dataSource).list()) {
        console.log(`${key.id}  ${key.prefix}  ${key.revokedAt ? 'revoked' : 'active '}  ${key.name}`);
      }
    } else {
      throw new Error('Commands: create-admin --username <name> | api-key create --name <name> --organisation <id|code>… | api-key revoke <id> | api-key list');
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(1);
});
