import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load.js';

describe('runLoad', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const delay = request.url === '/slow' ? 1500 : 5;
      const answers: Record<string, string> = {
        '/wrong': 'other',
        // GraphQL answers: the same data with another statement count, and other data.
        '/same-data': '{"data":{"n":1},"extensions":{"sqlStatements":3}}',
        '/other-data': '{"data":{"n":2},"extensions":{"sqlStatements":2}}',
      };
      setTimeout(() => response.end(answers[request.url ?? ''] ?? 'expected'), delay);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  it('counts requests that finish after the time is up', async () => {
    const started = performance.now();
    const result = await runLoad({ url: `${base}/slow`, method: 'GET' }, 'expected', 0.5, 2);
    const elapsedSeconds = (performance.now() - started) / 1000;
    expect(result.requests).toBe(2);
    expect(result.errors).toBe(0);
    expect(result.p50).toBeGreaterThanOrEqual(1400);
    // Over the time the two requests took (at least 1.5 s, at most the call's), not over the 0.5 s window (4 req/s).
    // Bounds from the measured time, so a busy machine (CI runs packages in parallel) cannot fail it.
    expect(result.requestsPerSecond).toBeLessThanOrEqual(2 / 1.5);
    expect(result.requestsPerSecond).toBeGreaterThanOrEqual(2 / elapsedSeconds);
  });

  it('counts answers that differ from the expected body as errors', async () => {
    const result = await runLoad({ url: `${base}/wrong`, method: 'GET' }, 'expected', 0.2, 2);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toBe(result.requests);
  });

  it("compares GraphQL answers by their data, not by the API's statement count", async () => {
    const expected = '{"data":{"n":1},"extensions":{"sqlStatements":2}}';
    const same = await runLoad({ url: `${base}/same-data`, method: 'GET' }, expected, 0.2, 2);
    expect(same.requests).toBeGreaterThan(0);
    expect(same.errors).toBe(0);
    const other = await runLoad({ url: `${base}/other-data`, method: 'GET' }, expected, 0.2, 2);
    expect(other.errors).toBe(other.requests);
  });
});
