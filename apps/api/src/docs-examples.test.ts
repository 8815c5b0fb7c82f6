import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { DEMO_PASSWORD } from '@peksos/access';
import { createTestDatabaseLocation, testDatabaseKind } from '@peksos/db/testing';
import { ADMIN_SCRIPT, graphql, REPO_ROOT, serverEnv, signInAsDemoAdmin, signInAsDemoUser, startServerProcess, TRANSFER_CLI, type ServerProcess } from './testing/processes.js';

/** The documents whose commands and queries partners and operators copy. */
const DOCUMENTS = ['README.md', 'docs/api.md', 'docs/access.md'];

/**
 * Fenced blocks this test does not run, by document and first line, and why. Every other block runs; a block that is
 * in neither (a new example) fails the test until it runs here or is listed with its reason.
 */
const NOT_RUN: Record<string, string> = {
  'README.md: pnpm install && pnpm start': 'installs and builds; starting the server is tested by starts-and-stops.test.ts',
  'README.md: pnpm test': 'the test suite itself',
  'README.md: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm test': 'the test suite itself, on PostgreSQL',
  'README.md: DATABASE_URL=postgres://peksos:secret@db.example:5432/peksos NODE_ENV=production HOST=0.0.0.0 pnpm start':
    'a production host; the settings are tested by config.test.ts',
  'README.md: apps/api                   the application: configuration, the schema modules of apps/api/modules.json, operator commands':
    'a map of the repository, not a command',
  'docs/access.md: CREATE ROLE peksos_app NOLOGIN;': "a database administrator's SQL on a managed server, where the migration may not create roles",
};

interface Block {
  document: string;
  line: number;
  language: string;
  text: string;
}

function fencedBlocks(document: string, content: string): Block[] {
  const blocks: Block[] = [];
  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\w*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    blocks.push({ document, line: index + 1, language: open[1]!, text: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}

/** GraphQL operations written inline (`query { … }`, `mutation { … }`, `{ … }`) outside the fenced blocks. */
function inlineOperations(content: string): string[] {
  const prose = content.replace(/^```[\s\S]*?^```/gm, '');
  // (`{ "query": … }` is a request body, not an operation.)
  return [...prose.matchAll(/`((?:query|mutation) \{[^`]*\}|\{ (?!")[^`]*\})`/g)].map((match) => match[1]!);
}

/** `pnpm admin …`, `pnpm run import|export …` as the package scripts run them, without their build step. */
const PNPM = `pnpm() {
  if [ "$1" = admin ]; then shift; node "${ADMIN_SCRIPT}" "$@" | tee -a .admin-output;
  elif [ "$1" = run ] && { [ "$2" = import ] || [ "$2" = export ]; }; then what=$2; shift 2; node "${TRANSFER_CLI}" "$what" "$@";
  else echo "the docs test does not know: pnpm $*" >&2; return 99; fi
}`;

function bash(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', `${PNPM}\nset -eo pipefail\n${command}`], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** The spreadsheet the import example reads: two new workers, with exceljs (the transfer package's own library). */
async function writeWorkersFile(file: string): Promise<void> {
  const ExcelJS = createRequire(resolve(REPO_ROOT, 'packages/transfer/package.json'))('exceljs') as {
    Workbook: new () => {
      addWorksheet(name: string): { addRow(values: string[]): unknown };
      xlsx: { writeFile(path: string): Promise<void> };
    };
  };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Peksos');
  sheet.addRow(['NIK', 'Nama lengkap', 'Jenis kelamin', 'Status kepegawaian']);
  sheet.addRow(['3277990101900001', 'Pekerja Dokumen Satu', 'Perempuan', 'PPPK']);
  sheet.addRow(['3277990101900002', 'Pekerja Dokumen Dua', 'Laki-laki', 'PPPK']);
  await workbook.xlsx.writeFile(file);
}

/**
 * The commands and queries of README.md, docs/api.md and docs/access.md, run verbatim against a server started the
 * way an operator starts it (the demo data set and accounts), with the placeholders the docs mark (`<key id>`, `"…"`)
 * replaced by real ids: the docs cannot drift from what the registry does.
 */
describe(`the documented commands and queries (${testDatabaseKind()})`, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  /** A server of its own for each document, so each document's steps start from a fresh registry. */
  async function freshServer(demoAccounts = true): Promise<{ server: ServerProcess; env: Record<string, string>; directory: string }> {
    const directory = await mkdtemp(join(tmpdir(), 'peksos-docs-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    let env: Record<string, string>;
    if (testDatabaseKind() === 'postgres') {
      const database = await createTestDatabaseLocation();
      cleanups.push(() => database.dispose());
      env = { DATABASE_URL: (database.location as { url: string }).url };
    } else {
      env = { PEKSOS_DATA_DIR: join(directory, 'pglite'), DATABASE_URL: '' };
    }
    env.PEKSOS_DEMO_ACCOUNTS = demoAccounts ? '1' : '0';
    const server = await startServerProcess(env);
    cleanups.push(() => stop(server));
    return { server, env, directory };
  }

  async function stop(server: ServerProcess): Promise<void> {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }

  const documents = Promise.all(DOCUMENTS.map(async (document) => ({ document, content: await readFile(resolve(REPO_ROOT, document), 'utf8') })));

  it('knows every fenced block of the documents: each runs below, or is listed with why not', async () => {
    const keys = (await documents).flatMap(({ document, content }) =>
      fencedBlocks(document, content).map((block) => `${document}: ${block.text.split('\n')[0]}`),
    );
    expect(Object.keys(NOT_RUN).filter((key) => !keys.includes(key)), 'NOT_RUN entries that no longer match a block').toEqual([]);
  });

  for (const document of DOCUMENTS) {
    it(`${document}: every command and query runs as written`, async () => {
      const content = (await documents).find((entry) => entry.document === document)!.content;
      const { server, env, directory } = await freshServer();
      const shellEnv = { ...serverEnv(env) };
      const cookie = await signInAsDemoAdmin(server.url);
      const admin = (query: string) => graphql(server.url, query, undefined, cookie);
      // Real ids for the docs' placeholders.
      const first = async (field: string) => (await admin(`{ list: ${field}(first: 1) { nodes { id } } }`)).data.list.nodes[0].id as string;
      const unplaced = (await admin(`{ workers(filter: { placed: false }, first: 1) { nodes { id } } }`)).data.workers.nodes[0].id as string;
      const ids: Record<string, string> = {
        worker: unplaced,
        organisation: await first('organisations'),
        case: await first('cases'),
        assignment: '',
        placementRequest: '',
      };
      // A placement request is what a coordinator sends for another area's worker (docs/api.md `Ask`): the demo
      // coordinator of Cimahi Utara asks for a worker placed in Cimahi Selatan, at an organisation of Cimahi Utara.
      const request = {
        cookie: await signInAsDemoUser(server.url, 'koordinator'),
        worker: (await admin(`{ workers(filter: { areaCode: "32.77.01", placed: true }, first: 1) { nodes { id } } }`)).data.workers.nodes[0].id as string,
        organisation: (await admin(`{ organisations(filter: { areaCode: "32.77.03" }, first: 1) { nodes { id } } }`)).data.organisations.nodes[0].id as string,
      };
      const substitute = (text: string, asked = false) => {
        const replaced = (asked ? text.replace(/workerId: "…"/g, `workerId: "${request.worker}"`).replace(/organisationId: "…"/g, `organisationId: "${request.organisation}"`) : text)
          .replaceAll('http://localhost:4000', server.url)
          .replaceAll('<organisation id or code>', 'PKH-3277')
          .replaceAll('<key id>', `"$(sed -n 's/^Created API key \\([^ ]*\\) for .*/\\1/p' .admin-output | tail -1)"`)
          .replaceAll("PEKSOS_ADMIN_PASSWORD='…'", "PEKSOS_ADMIN_PASSWORD='a long password for the docs test'")
          .replace(/workerId: "…"/g, `workerId: "${ids.worker}"`)
          .replace(/organisationId: "…"/g, `organisationId: "${ids.organisation}"`)
          .replace(/organisation\(id: "…"\)/g, `organisation(id: "${ids.organisation}")`)
          .replace(/node\(id: "…"\)/g, `node(id: "${ids.case}")`)
          .replace(/endAssignment\(id: "…"/g, `endAssignment(id: "${ids.assignment}"`)
          .replace(/(accept|decline|withdraw)PlacementRequest\(id: "…"/g, (_, answer) => `${answer}PlacementRequest(id: "${ids.placementRequest}"`)
          .replace(/password: "…"/g, `password: "${DEMO_PASSWORD}"`);
        expect(replaced, `a placeholder the docs test does not know, in ${document}`).not.toMatch(/"…"|'…'|<[a-z ]+>/);
        return replaced;
      };
      const runOperations = async (text: string, where: string) => {
        const operations = parse(text).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
        for (const operation of operations) {
          // Substituted operation by operation: a later one may use what an earlier one created.
          const asked = operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === 'requestPlacement');
          const source = substitute(text, asked);
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: asked ? request.cookie : cookie, 'x-peksos-csrf': '1' },
            body: JSON.stringify({ query: source, operationName: operation.name?.value }),
          });
          const result = (await response.json()) as { data?: any; errors?: unknown[] };
          expect(result.errors, `${where} ${operation.name?.value ?? ''}: ${JSON.stringify(result.errors)}`).toBeUndefined();
          if (result.data?.assignWorker) ids.assignment = result.data.assignWorker.id;
          if (result.data?.requestPlacement) ids.placementRequest = result.data.requestPlacement.id;
        }
      };

      const blocks = fencedBlocks(document, content);
      let ran = 0;
      for (const [index, block] of blocks.entries()) {
        const key = `${document}: ${block.text.split('\n')[0]}`;
        const where = `${document}:${block.line}`;
        if (key in NOT_RUN || block.language === 'json') continue;
        if (block.language === 'graphql') {
          await runOperations(block.text, where);
        } else if (block.language === 'sh') {
          if (block.text.includes('pnpm run import workers.xlsx')) await writeWorkersFile(join(directory, 'workers.xlsx'));
          // The block as one script, as it would be pasted into a shell; it stops at the first command that fails. The
          // first admin is created on a new installation: one without the demo accounts.
          const newInstallation = block.text.includes('create-admin') ? await freshServer(false) : null;
          const result = await bash(
            substitute(block.text),
            newInstallation?.directory ?? directory,
            newInstallation ? serverEnv(newInstallation.env) : shellEnv,
          );
          if (newInstallation) await stop(newInstallation.server);
          expect(result.code, `${where}:\n${result.stdout}\n${result.stderr}`).toBe(0);
          if (block.text.includes('api-key create')) expect(result.stdout).toMatch(/^pks_/m);
          // A json block right after a command block is what its last command prints.
          const next = blocks[index + 1];
          if (next?.language === 'json') {
            const printed = JSON.parse(result.stdout.slice(result.stdout.lastIndexOf('{"data":')));
            expect(printed.data, `${where}: prints what ${document}:${next.line} shows`).toEqual(JSON.parse(next.text).data);
          }
        } else {
          throw new Error(`${where}: a ${block.language || 'plain'} block the docs test neither runs nor lists in NOT_RUN`);
        }
        ran += 1;
      }
      for (const operation of inlineOperations(content)) {
        if (operation.startsWith('mutation { signIn')) {
          const signIn = await graphql(server.url, substitute(operation));
          expect(signIn.errors, operation).toBeUndefined();
        } else {
          await runOperations(operation, `${document} (inline)`);
        }
        ran += 1;
      }
      expect(ran).toBeGreaterThan(0);
      // A fresh server and every documented command (each a process of its own): minutes on a busy two-core machine.
    }, 300_000);
  }
});
