import { createPrivateKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKalshiClient,
  KalshiApiError,
  KalshiAuthError,
  KalshiInputError,
  KalshiNetworkError,
  KalshiPaginationError,
  KalshiRateLimitError,
  KalshiTimeoutError,
  type KalshiClient,
  type KalshiClientOptions,
} from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { collect, rejection } from './support/async.js';

let fake: FakeKalshi;
let client: KalshiClient;

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

function connect(options: Partial<KalshiClientOptions> = {}): Promise<KalshiClient> {
  return createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: fastRetry, ...options });
}

function lastRequest() {
  return fake.requests.at(-1)!;
}

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 11, fills: 60, settlements: 25, marketPositions: 30, historicalCutoffDays: null });
  client = await connect();
});
afterAll(() => fake.close());

describe('the five operations round-trip typed data from a server that verifies signatures', () => {
  it('getBalance', async () => {
    const balance = await client.getBalance();
    expect(balance).toEqual(fake.data.balance);
    expect(typeof balance.balance).toBe('number');
    expect(balance.balance_dollars).toMatch(/^\d+\.\d{2,6}$/);
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/trade-api/v2/portfolio/balance', status: 200, keyId: fake.keyId });
  });

  it('getFills, with its filters on the wire', async () => {
    const target = fake.data.fills[3]!;
    const page = await client.getFills({ ticker: target.ticker, limit: 5, max_ts: target.ts });
    const query = lastRequest().query;
    expect(query.get('ticker')).toBe(target.ticker);
    expect(query.get('limit')).toBe('5');
    expect(query.get('max_ts')).toBe(String(target.ts));
    expect(page.fills.length).toBeGreaterThan(0);
    expect(page.fills.length).toBeLessThanOrEqual(5);
    for (const fill of page.fills) {
      expect(fill.ticker).toBe(target.ticker);
      expect(fill.ts!).toBeLessThanOrEqual(target.ts);
    }
    expect(page.fills[0]).toEqual(fake.data.fills.find((f) => f.ticker === target.ticker && f.ts <= target.ts));
  });

  it('getPortfolioRestingOrderTotalValue', async () => {
    expect(await client.getPortfolioRestingOrderTotalValue()).toEqual(fake.data.restingOrderValue);
    expect(lastRequest().path).toBe('/trade-api/v2/portfolio/summary/total_resting_order_value');
  });

  it('getPositions keeps fields the spec does not list', async () => {
    const page = await client.getPositions({ limit: 3, subaccount: 0 });
    expect(lastRequest().query.get('subaccount')).toBe('0');
    expect(page.market_positions).toHaveLength(3);
    expect(page.market_positions[0]).toHaveProperty('resting_orders_count');
    expect(page.cursor).toBeTruthy();
  });

  it('getSettlements', async () => {
    const page = await client.getSettlements({ limit: 4 });
    expect(page.settlements).toEqual(fake.data.settlements.slice(0, 4).map((entry) => entry.settlement));
  });

  it('sends only the parameters given, never "undefined"', async () => {
    await client.getFills({ ticker: undefined, limit: 2 });
    expect([...lastRequest().query.keys()]).toEqual(['limit']);
  });

  it('refuses a parameter the operation does not take, naming it', async () => {
    const error = await rejection(client.getFills({ tickr: 'X' } as never));
    expect(error).toBeInstanceOf(KalshiInputError);
    expect(error.message).toMatch(/getFills has no parameter "tickr".*ticker/);
  });
});

describe('signing', () => {
  it('works with PKCS#1 and PKCS#8 keys alike', async () => {
    const pkcs8 = createPrivateKey(fake.privateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(fake.privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
    for (const privateKey of [fake.privateKeyPem, pkcs8]) {
      const c = await connect({ privateKey });
      expect((await c.getBalance()).balance).toBe(fake.data.balance.balance);
    }
  });

  it('two clients with two keys in one process never mix them', async () => {
    const second = await fake.addKey();
    const other = await connect({ keyId: second.keyId, privateKey: second.privateKeyPem });
    const before = fake.requests.length;
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? client : other).getBalance()));
    const seen = fake.requests.slice(before);
    expect(seen.every((r) => r.status === 200)).toBe(true);
    expect(seen.filter((r) => r.keyId === fake.keyId)).toHaveLength(5);
    expect(seen.filter((r) => r.keyId === second.keyId)).toHaveLength(5);
  });

  it('a key that does not belong to the key id is refused, and the error says so', async () => {
    const second = await fake.addKey();
    const mismatched = await connect({ privateKey: second.privateKeyPem });
    const error = await rejection(mismatched.getBalance());
    expect(error).toBeInstanceOf(KalshiAuthError);
    expect(error).toMatchObject({ status: 401, code: 'authentication_error', details: 'INCORRECT_API_KEY_SIGNATURE' });
    expect(error.message).toMatch(/does not belong to this key id/);
  });

  it('an unknown key id is refused with a hint about the environment', async () => {
    const stranger = await connect({ keyId: '00000000-0000-4000-8000-000000000000' });
    const error = await rejection(stranger.getBalance());
    expect(error).toBeInstanceOf(KalshiAuthError);
    expect(error).toMatchObject({ details: 'NOT_FOUND' });
    expect(error.message).toMatch(/demo keys only work on demo/);
  });

  it('a 429 then 200 is retried, and the retry carries a new signature', async () => {
    fake.queueResponses({ status: 429, body: { error: 'too many requests' } });
    const before = fake.requests.length;
    expect(await client.getBalance()).toEqual(fake.data.balance);
    const [first, second] = fake.requests.slice(before);
    expect(first!.status).toBe(429);
    expect(second!.status).toBe(200);
    expect(second!.signature).not.toBe(first!.signature);
    expect(Number(second!.timestamp)).toBeGreaterThanOrEqual(Number(first!.timestamp));
  });
});

describe('errors on the wire map to typed errors', () => {
  const cases: Array<[string, { status: number; body?: string | object; headers?: Record<string, string> }, Function, object]> = [
    [
      'nested',
      { status: 400, body: { error: { code: 'invalid_parameters', message: 'bad filter', details: 'ticker', service: 'portfolio' } } },
      KalshiApiError,
      { status: 400, code: 'invalid_parameters', details: 'ticker' },
    ],
    ['flat', { status: 400, body: { code: 'bad_request', message: 'could not decode', details: 'EOF' } }, KalshiApiError, { status: 400, code: 'bad_request', details: 'EOF' }],
    ['bare msg', { status: 400, body: { msg: 'Parameter validation failed for GetBalance' } }, KalshiApiError, { status: 400, code: undefined }],
    ['rate limit', { status: 429, body: { error: 'too many requests' } }, KalshiRateLimitError, { status: 429 }],
    [
      'HTML 503',
      { status: 503, body: '<html><head><title>503 Service Unavailable</title></head><body>upstream</body></html>', headers: { 'content-type': 'text/html' } },
      KalshiApiError,
      { status: 503, code: undefined, bodyExcerpt: expect.stringContaining('<title>503 Service Unavailable</title>') },
    ],
    ['empty 502', { status: 502 }, KalshiApiError, { status: 502, code: undefined, details: undefined, bodyExcerpt: undefined }],
    ['nested 500', { status: 500, body: { error: { code: 'internal_error', message: 'boom' } } }, KalshiApiError, { status: 500, code: 'internal_error' }],
  ];

  it.each(cases)('%s', async (_label, scripted, errorClass, fields) => {
    const once = await connect({ retry: false });
    fake.queueResponses(scripted);
    const error = await rejection(once.getBalance());
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject(fields);
    expect(error.message).toContain('GET /trade-api/v2/portfolio/balance');
  });

  it('a server error that outlasts the retries surfaces as the last error', async () => {
    const patient = await connect({ retry: { ...fastRetry, maxAttempts: 3 } });
    fake.queueResponses({ status: 503 }, { status: 502 }, { status: 500, body: { error: { code: 'internal_error', message: 'still down' } } });
    const error = await rejection(patient.getBalance());
    expect(error).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('a connection cut mid-response is retried', async () => {
    fake.queueResponses({ status: 200, body: { balance: 1, filler: 'x'.repeat(10_000) }, destroy: true });
    expect(await client.getBalance()).toEqual(fake.data.balance);
  });

  it.each([
    ['a limit over the maximum', { limit: 5000 }, /Parameter validation failed.*limit/i],
    ['a non-numeric limit', { limit: 'abc' }, /Parameter validation failed.*limit/i],
    ['a negative subaccount', { subaccount: -1 }, /Parameter validation failed.*subaccount/i],
  ])('the server\'s 400 for %s surfaces its message, without a retry', async (_label, query, message) => {
    const before = fake.requests.length;
    const error = await rejection(client.getFills(query as never));
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 400, code: undefined });
    expect(error.message).toMatch(message);
    expect(fake.requests.length - before).toBe(1);
  });
});

describe('iterators', () => {
  it('client.fills() yields every fill across pages, resending the filters with each cursor', async () => {
    const before = fake.requests.length;
    const subaccount = 0;
    const fills = await collect(client.fills({ limit: 4, subaccount }));
    const expected = fake.data.fills.filter((f) => f.subaccount_number === subaccount);
    expect(expected.length).toBeGreaterThan(8);
    expect(fills).toEqual(expected);
    const pages = fake.requests.slice(before);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 4));
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / 4) + 1);
    expect(pages[0]!.query.has('cursor')).toBe(false);
    for (const page of pages) expect(page.query.get('subaccount')).toBe(String(subaccount));
    for (const page of pages.slice(1)) expect(page.query.get('cursor')).toBeTruthy();
  });

  it('settlements, market positions and event positions each come out once', async () => {
    expect(await collect(client.settlements({ limit: 4 }))).toEqual(fake.data.settlements.map((e) => e.settlement));
    const primary = fake.data.marketPositions.filter((e) => e.subaccount === 0).map((e) => e.position);
    expect(await collect(client.marketPositions({ limit: 4 }))).toEqual(primary);
    const events = await collect(client.eventPositions({ limit: 4 }));
    expect(events).toEqual(fake.data.eventPositions.filter((e) => e.subaccount === 0).map((e) => e.position));
    expect(new Set(events.map((e) => e.event_ticker)).size).toBe(events.length);
  });

  it('stop on an empty cursor and on an absent one', async () => {
    fake.queueResponses({ status: 200, body: { settlements: [fake.data.settlements[0]!.settlement] } });
    expect(await collect(client.settlements())).toHaveLength(1);
  });

  it('a repeated cursor fails loudly instead of looping', async () => {
    const page = (n: number, cursor: string) => ({ status: 200, body: { fills: [fake.data.fills[n]], cursor } });
    fake.queueResponses(page(0, 'abc'), page(1, 'def'), page(2, 'abc'));
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const fill of client.fills()) seen.push(fill);
      })(),
    );
    expect(error).toBeInstanceOf(KalshiPaginationError);
    expect(error.message).toMatch(/cursor "abc" again/);
    expect(seen).toHaveLength(3);
  });

  it('breaking out of the loop stops fetching', async () => {
    const before = fake.requests.length;
    for await (const _ of client.fills({ limit: 5 })) break;
    expect(fake.requests.length - before).toBe(1);
  });
});

describe('transport failures', () => {
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    silent = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/trade-api/v2`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('a server that never answers yields a KalshiTimeoutError, not a hang', async () => {
    const c = await connect({ baseUrl: silentUrl, timeoutMs: 150, retry: false });
    const error = await rejection(c.getBalance());
    expect(error).toBeInstanceOf(KalshiTimeoutError);
    expect(error.message).toMatch(/within 150 ms/);
  });

  it('timeouts are retried within the retry budget, then reported', async () => {
    const c = await connect({ baseUrl: silentUrl, timeoutMs: 100, retry: { ...fastRetry, maxAttempts: 2 } });
    const started = Date.now();
    expect(await rejection(c.getBalance())).toBeInstanceOf(KalshiTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('a refused connection yields a KalshiNetworkError naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const c = await connect({ baseUrl: `http://127.0.0.1:${port}/trade-api/v2`, retry: { ...fastRetry, maxAttempts: 2 } });
    const error = await rejection(c.getBalance());
    expect(error).toBeInstanceOf(KalshiNetworkError);
    expect(error).not.toBeInstanceOf(KalshiTimeoutError);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('a caller abort with its own reason stops a retry that is waiting, at once, with that reason', async () => {
    const slow = await connect({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    // Retry-After pins the wait at 10 s (full jitter alone could draw a wait shorter than the abort).
    fake.queueResponses({ status: 503, headers: { 'retry-after': '10' } });
    const before = fake.requests.length;
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const pending = slow.getBalance(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.requests.length - before).toBe(1);
  });

  it('a caller abort stops the call', async () => {
    const c = await connect({ baseUrl: silentUrl, timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = c.getBalance(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error.name).toBe('AbortError');
  });
});

describe('client.api', () => {
  it('is the typed openapi-fetch client, signed and retried', async () => {
    fake.queueResponses({ status: 503 });
    const { data, response } = await client.api.GET('/portfolio/fills', { params: { query: { limit: 2 } } });
    expect(response.status).toBe(200);
    expect(data?.fills).toEqual(fake.data.fills.slice(0, 2));
  });
});

describe('client.api answers with a real Response body', () => {
  it("parseAs: 'stream' reads the body as a stream", async () => {
    const { data, response } = await client.api.GET('/portfolio/balance', { parseAs: 'stream' });
    expect(response.status).toBe(200);
    expect(data).toBeInstanceOf(ReadableStream);
    expect(JSON.parse(await new Response(data).text())).toEqual(fake.data.balance);
  });

  it('a middleware that re-wraps the response breaks neither client.api nor the methods', async () => {
    const c = await connect();
    let rewrapped = 0;
    c.api.use({
      onResponse({ response }) {
        rewrapped++;
        return new Response(response.body, response);
      },
    });
    expect((await c.api.GET('/portfolio/balance')).data).toEqual(fake.data.balance);
    expect(rewrapped).toBe(1);
    expect(await c.getBalance()).toEqual(fake.data.balance);
    const { error, response } = await c.api.GET('/portfolio/orders/{order_id}', { params: { path: { order_id: 'no-such-order' } } });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ error: { code: 'not_found' } });
  });

  it('an answer without a body (204) reads as none', async () => {
    fake.queueResponses({ status: 204 });
    const { data, error, response } = await client.api.GET('/portfolio/balance');
    expect([response.status, data, error]).toEqual([204, undefined, undefined]);
  });
});
