import type { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { systemContext, withAuditContext } from '@peksos/db';
import { AccessRole, AccountService, ApiKeyService, type AccessSettings } from '@peksos/access';
import { loadOfficialAreas, OFFICIAL_AREAS_SOURCE } from '@peksos/schema-workforce';

export const ADMIN_USAGE =
  'Commands: create-admin --username <name> [--display-name <name>] | api-key create --name <name> --organisation <id|code>… | ' +
  'api-key revoke <id> | api-key list | areas load';

/**
 * The administration commands (`pnpm admin …`, scripts/admin.ts), apart from where they run: on a database the
 * command opened itself, or inside the running server that owns the embedded database (operator/commands.ts).
 * Changes are recorded in the audit log as made by `actorLabel` (`cli:<user of the shell>`).
 */
export interface AdminCommandContext {
  dataSource: DataSource;
  access: AccessSettings;
  actorLabel: string;
  stdout: Writable;
  /** The new admin's password (create-admin only). */
  readPassword(): Promise<string>;
}

export class AdminCommandError extends Error {}

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === `--${name}` && args[index + 1] !== undefined) values.push(args[index + 1]!);
  }
  return values;
}

/** Whether a command line needs a password from the person at the shell. */
export function adminCommandNeedsPassword(args: string[]): boolean {
  return args[0] === 'create-admin';
}

/** Runs one command; throws AdminCommandError for wrong usage or a refusal, with a message for the operator. */
export async function runAdminCommand(args: string[], context: AdminCommandContext): Promise<void> {
  const [command, subcommand] = args;
  const { dataSource } = context;
  // The operator at the server's shell acts as the system (an admin's rights); the audit log names them.
  const operator = (operation: string) => systemContext(operation, context.actorLabel);
  const print = (line: string) => context.stdout.write(`${line}\n`);

  if (command === 'create-admin') {
    const [username] = option(args, 'username');
    if (!username) throw new AdminCommandError('Give --username');
    const accounts = new AccountService(dataSource, context.access);
    const admins = (await withAuditContext(operator('create-admin'), () =>
      dataSource.query(`SELECT count(*) AS count FROM account WHERE role = 'admin' AND disabled_at IS NULL`),
    )) as [{ count: number }];
    if (admins[0].count > 0) {
      throw new AdminCommandError('This installation has an admin already: further accounts are created in the console');
    }
    const password = await context.readPassword();
    const account = await withAuditContext(operator('create-admin'), () =>
      accounts.create({
        username,
        displayName: option(args, 'display-name')[0] ?? username,
        role: AccessRole.ADMIN,
        password,
      }),
    );
    print(`Created admin ${account.username} (${account.id}). Sign in to the console with it.`);
  } else if (command === 'api-key' && subcommand === 'create') {
    const [name] = option(args, 'name');
    if (!name) throw new AdminCommandError('Give --name: who the key is for');
    const organisations = option(args, 'organisation');
    if (organisations.length === 0) throw new AdminCommandError('Give at least one --organisation <id or code>');
    const created = await withAuditContext(operator('createApiKey'), () => new ApiKeyService(dataSource).create(name, organisations, null));
    print(`Created API key ${created.apiKey.id} for ${name}. Give the partner this key; it is not shown again:`);
    print(created.secret);
  } else if (command === 'api-key' && subcommand === 'revoke') {
    const id = args[2];
    if (!id) throw new AdminCommandError('Give the id of the key to revoke');
    await withAuditContext(operator('revokeApiKey'), () => new ApiKeyService(dataSource).revoke(id));
    print(`Revoked API key ${id}.`);
  } else if (command === 'areas' && subcommand === 'load') {
    // Indonesia's official hierarchy (`pnpm areas:load`), through the area service; idempotent.
    const started = Date.now();
    const loaded = await withAuditContext(operator('load official areas'), () => loadOfficialAreas(dataSource));
    for (const level of loaded) {
      print(`${level.level.padEnd(16)} ${String(level.official).padStart(6)} official, ${level.added} added, ${level.renamed} renamed`);
    }
    print(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Source: ${OFFICIAL_AREAS_SOURCE}.`);
    print('Populations were kept as their sources gave them; areas without one report none (no figures per 100,000).');
  } else if (command === 'api-key' && subcommand === 'list') {
    for (const key of await withAuditContext(operator('apiKeys'), () => new ApiKeyService(dataSource).list())) {
      print(`${key.id}  ${key.prefix}  ${key.revokedAt ? 'revoked' : 'active '}  ${key.name}`);
    }
  } else {
    throw new AdminCommandError(ADMIN_USAGE);
  }
}
