import http from 'node:http';

/** One request the load generator sends over and over. */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Requests finished, divided by the seconds from the start until the last one finished. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Transport errors, non-2xx answers and answers whose data differ from the expected body's. */
  errors: number;
  requests: number;
}

/**
 * Sends `request` from `connections` keep-alive connections, each waiting for its answer before sending the next,
 * for `seconds`. Requests already sent when the time is up are waited for and counted, however slow: a load
 * generator that drops them (autocannon stops at its deadline) reports 0 requests per second for a question that
 * takes longer than the run, and flatters one whose slowest answers fall at the end.
 */
export async function runLoad(request: LoadRequest, expectedBody: string, seconds: number, connections: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(request.url);
  const headers: Record<string, string | number> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
  const latencies: number[] = [];
  let errors = 0;
  // The same answer is the same `data`: the API's statement count (`extensions`) differs between an answer from its
  // cache and one computed afresh, which writes during the run (--writes-per-second) bring about.
  const dataOf = (body: string) => {
    try {
      return JSON.stringify((JSON.parse(body) as { data?: unknown }).data ?? null);
    } catch {
      return null;
    }
  };
  const expectedData = dataOf(expectedBody);
  const same = (body: string) => body === expectedBody || (expectedData !== null && dataOf(body) === expectedData);

  const send = () =>
    new Promise<void>((done) => {
      const started = performance.now();
      const outgoing = http.request(url, { method: request.method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          latencies.push(performance.now() - started);
          const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
          if (!ok || !same(Buffer.concat(chunks).toString('utf8'))) errors++;
          done();
        });
        response.on('error', () => {
          errors++;
          done();
        });
      });
      outgoing.on('error', () => {
        errors++;
        done();
      });
      outgoing.end(request.body);
    });

  const start = performance.now();
  const deadline = start + seconds * 1000;
  const connection = async () => {
    while (performance.now() < deadline) await send();
  };
  await Promise.all(Array.from({ length: connections }, connection));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : NaN);
  return { requestsPerSecond: latencies.length / elapsed, p50: percentile(50), p99: percentile(99), errors, requests: latencies.length };
}
