/** A small `--name value` / `--flag` parser for the bench's command lines. */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): Map<string, string> {
  const result = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) result.set(name, inline);
    else if (flags.includes(name)) result.set(name, 'true');
    else {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      result.set(name, value);
      index++;
    }
  }
  return result;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/peksos_bench';

/** The database to use: --database-url, else DATABASE_URL, else the local peksos_bench database. */
export function databaseUrl(args: Map<string, string>): string {
  return args.get('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
