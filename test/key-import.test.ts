import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as jose from 'jose';
import { createKalshiClient } from '../src/index.js';
import { rsaKeys } from './support/keys.js';

vi.mock('jose', async (importOriginal) => {
  const actual = await importOriginal<typeof import('jose')>();
  return { ...actual, importPKCS8: vi.fn(actual.importPKCS8) };
});

describe('the private key is parsed once per client', () => {
  let server: { url: string; close: () => void; requests: number };

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const http = createServer((_req, res) => {
      server.requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"balance":1,"balance_dollars":"0.01","portfolio_value":0,"updated_ts":1}');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    server = { url: `http://127.0.0.1:${port}/trade-api/v2`, close: () => http.close(), requests: 0 };
  });
  afterAll(() => server.close());

  it('imports with jose at creation and never again, whatever the number of requests', async () => {
    const importPKCS8 = vi.mocked(jose.importPKCS8);
    importPKCS8.mockClear();
    const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs1, baseUrl: server.url });
    expect(importPKCS8).toHaveBeenCalledTimes(1);
    await Promise.all(Array.from({ length: 20 }, () => client.getBalance()));
    expect(server.requests).toBe(20);
    expect(importPKCS8).toHaveBeenCalledTimes(1);
  });
});
