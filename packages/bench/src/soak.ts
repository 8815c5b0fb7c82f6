import { memoryOf, type Contender } from './contenders.js';
import { runLoad } from './load.js';
import type { BenchQuery } from './queries.js';

export interface SoakSample {
  /** Seconds since the soak started, at the end of this slice. */
  second: number;
  query: string;
  requestsPerSecond: number;
  errors: number;
  /** The API's resident set size at the end of the slice, in bytes. */
  rss: number;
}

export interface SoakResult {
  startRss: number;
  samples: SoakSample[];
}

/**
 * Drives the API for `seconds`, in slices of `sliceSeconds` that take the questions in turn, and reads its resident
 * set size after each slice: the memory of a long run, to see whether it keeps growing.
 */
export async function runSoak(
  ours: Contender,
  queries: BenchQuery[],
  expectedBodies: Map<string, string>,
  options: { seconds: number; sliceSeconds: number; connections: number; log: (line: string) => void },
): Promise<SoakResult> {
  const startRss = memoryOf(ours.process.pid!)!.rss;
  const samples: SoakSample[] = [];
  const started = Date.now();
  for (let slice = 0; (Date.now() - started) / 1000 < options.seconds; slice++) {
    const query = queries[slice % queries.length]!;
    const run = await runLoad(
      {
        url: `${ours.baseUrl}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ours.headers },
        body: JSON.stringify({ query: query.ours }),
      },
      expectedBodies.get(query.key)!,
      options.sliceSeconds,
      options.connections,
    );
    const sample = {
      second: Math.round((Date.now() - started) / 1000),
      query: query.key,
      requestsPerSecond: run.requestsPerSecond,
      errors: run.errors,
      rss: memoryOf(ours.process.pid!)!.rss,
    };
    samples.push(sample);
    options.log(
      `${String(sample.second).padStart(4)} s  ${query.key.padEnd(17)} ${run.requestsPerSecond.toFixed(0).padStart(5)} req/s` +
        `  errors ${run.errors}  RSS ${mib(sample.rss)}`,
    );
  }
  return { startRss, samples };
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * The soak as Markdown: start and end, the lowest and highest reading after the first minute (the heap settles in
 * it), and every reading.
 */
export function renderSoak(result: SoakResult, heading: string): string {
  const { samples } = result;
  const settled = samples.filter((sample) => sample.second >= 60);
  const rssOf = (list: SoakSample[]) => list.map((sample) => sample.rss);
  const requests = samples.reduce((sum, sample) => sum + sample.requestsPerSecond, 0) / Math.max(samples.length, 1);
  const errors = samples.reduce((sum, sample) => sum + sample.errors, 0);
  return [
    heading,
    '',
    `- Resident set size: ${mib(result.startRss)} at start (after the sample requests), ${mib(samples.at(-1)?.rss ?? NaN)} at the end` +
      ` of ${samples.at(-1)?.second ?? 0} s.`,
    settled.length
      ? `- After the first minute it stayed between ${mib(Math.min(...rssOf(settled)))} and ${mib(Math.max(...rssOf(settled)))}` +
        ` (first half's highest ${mib(Math.max(...rssOf(settled.slice(0, Math.ceil(settled.length / 2)))))},` +
        ` second half's highest ${mib(Math.max(...rssOf(settled.slice(Math.ceil(settled.length / 2)))))}).`
      : '- The run was shorter than a minute.',
    `- ${requests.toFixed(0)} requests per second on average, ${errors} errors.`,
    '',
    '| second | question | req/s | errors | RSS |',
    '| ---: | --- | ---: | ---: | ---: |',
    ...samples.map(
      (sample) => `| ${sample.second} | ${sample.query} | ${sample.requestsPerSecond.toFixed(0)} | ${sample.errors} | ${mib(sample.rss)} |`,
    ),
    '',
  ].join('\n');
}
