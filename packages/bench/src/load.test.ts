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
    const result = await runLoad({ url: `${base}/slow`, method: 'GET' }, 'expected', 0.5, 2);
    expect(result.requests).toBe(2);
    expect(result.errors).toBe(0);
    expect(result.p50).toBeGreaterThanOrEqual(1400);
    expect(result.requestsPerSecond).toBeGreaterThan(1);
    expect(result.requestsPerSecond).toBeLessThan(1.5);
  });

  it('counts answers that differ from the expected body as errors', async () => {
    const result = await runLoad({ url: `${base}/wrong`, method: 'GET' }, 'expected', 0.2, 2);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toBe(result.requests);
  });
});
