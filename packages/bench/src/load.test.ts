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
      setTimeout(() => response.end(request.url === '/wrong' ? 'other' : 'expected'), delay);
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
});
