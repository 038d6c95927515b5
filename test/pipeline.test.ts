/**
 * The one attempt pipeline: every attempt, first or retried, is rate-limited, signed afresh, sent
 * and judged the same way; failures keep their evidence; and what a user's own openapi-fetch
 * middleware and `onRetry` see.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKalshiClient,
  KalshiAlreadyAppliedError,
  KalshiApiError,
  KalshiNetworkError,
  KalshiRateLimitError,
  KalshiTimeoutError,
  parseDollars,
  type KalshiClient,
  type RetryEvent,
} from '../src/index.js';
import { type KeyedWrite, STOOD_IN_HEADER, answerAfterConflict, isRepeatable, keyTheBody, keyedWriteOf } from '../src/http/idempotency.js';
import type { Answer } from '../src/http/transport/types.js';
import { apiErrorFrom, errorBodyOf } from '../src/http/wire-errors.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { rejection } from './support/async.js';
import { rsaKeys } from './support/keys.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 5, fills: 50 });
});
afterAll(() => fake.close());

const transports = ['undici', 'fetch'] as const;
const quickRetries = { baseDelayMs: 1, maxDelayMs: 5 };
const requestsTo = (suffix: string) => fake.requests.filter((r) => r.path.endsWith(suffix));

function clientFor(extra: Partial<Parameters<typeof createKalshiClient>[0]> = {}): Promise<KalshiClient> {
  return createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: quickRetries, ...extra });
}

/** A loopback server that answers every request with `handler`; closed after the test file. */
async function localServer(handler: Parameters<typeof createServer>[1]): Promise<{ baseUrl: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/trade-api/v2`, server };
}

/** A port on loopback that nothing listens on: connections to it are refused. */
async function refusingBaseUrl(): Promise<string> {
  const { baseUrl, server } = await localServer(() => undefined);
  await new Promise((resolve) => server.close(resolve));
  return baseUrl;
}

describe.each(transports)('every attempt takes the same steps (transport %s)', (transport) => {
  it('a retried call is signed afresh on every attempt, and the server verifies each signature', async () => {
    const client = await clientFor({ transport });
    fake.queueResponses({ status: 503 }, { status: 500 });
    const before = requestsTo('/portfolio/balance').length;
    await client.getBalance();
    const attempts = requestsTo('/portfolio/balance').slice(before);
    expect(attempts.map((r) => r.status)).toEqual([503, 500, 200]);
    // The fake answers 401 to a bad signature, so each status above proves the signature verified.
    expect(new Set(attempts.map((r) => r.signature)).size).toBe(3);
    expect(attempts.every((r) => r.keyId === fake.keyId)).toBe(true);
    const stamps = attempts.map((r) => Number(r.timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('every attempt, the retries too, waits for the rate limiter before it is signed', async () => {
    // One request a second: the retry of the first call must wait about a second for its token.
    const client = await clientFor({ transport, rateLimit: { read: 10, write: 10, burstSeconds: 1 } });
    fake.queueResponses({ status: 503 });
    const before = requestsTo('/portfolio/balance').length;
    await client.getBalance();
    const [first, retry] = requestsTo('/portfolio/balance').slice(before);
    expect(retry!.status).toBe(200);
    // The retry's timestamp is taken after its wait: a token bucket that was skipped would show ~0 ms.
    expect(Number(retry!.timestamp) - Number(first!.timestamp)).toBeGreaterThanOrEqual(900);
  });
});

describe.each(transports)('the 409-after-retry rule lives with the retry decision (transport %s)', (transport) => {
  let to: number;
  beforeAll(async () => {
    ({ subaccount_number: to } = await (await clientFor()).createSubaccount());
  });

  it('the method resolves with the key, and the money moved once', async () => {
    const client = await clientFor({ transport });
    const cash = () => fake.state.cash.find((c) => c.subaccount === to && c.exchange_index === 0)!.balance_dollars;
    const before = cash();
    fake.queueResponses({ loseAnswer: true });
    const result = await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: to, amount_cents: 4 });
    const attempts = fake.requests.filter((r) => (r.body as { client_transfer_id?: string } | undefined)?.client_transfer_id === result.client_transfer_id);
    expect(attempts.map((r) => r.status)).toEqual([200, 409]);
    expect(parseDollars(cash()) - parseDollars(before)).toBe(parseDollars('0.04'));
  });

  it('client.api sees the lost answer stood in for, marked as such', async () => {
    const client = await clientFor({ transport });
    fake.queueResponses({ loseAnswer: true });
    const body = { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: to, amount_cents: 3, exchange_index: 0 };
    const { response, data, error } = await client.api.POST('/portfolio/subaccounts/transfer', { body });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({});
    expect(response.headers.get(STOOD_IN_HEADER)).toBe('true');
    const attempts = fake.requests.filter((r) => (r.body as { client_transfer_id?: string } | undefined)?.client_transfer_id === body.client_transfer_id);
    expect(attempts.map((r) => r.status)).toEqual([200, 409]);
  });

  it('a 409 on the first attempt is never success: the key had been used by another call', async () => {
    const client = await clientFor({ transport });
    const body = { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: to, amount_cents: 2 };
    await client.applySubaccountTransfer(body);
    const error = await rejection(client.applySubaccountTransfer(body));
    expect(error).toBeInstanceOf(KalshiAlreadyAppliedError);
  });

  it('with retries off, a lost answer is a network error, never a guessed success', async () => {
    const client = await clientFor({ retry: false, transport });
    fake.queueResponses({ loseAnswer: true });
    const error = await rejection(client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: to, amount_cents: 1 }));
    expect(error).toBeInstanceOf(KalshiNetworkError);
  });
});

describe('idempotency.ts, ready for keyed writes whose answer carries data (order creates)', () => {
  const conflict: Answer = { status: 409, headers: new Headers({ 'content-type': 'application/json' }), bytes: new TextEncoder().encode('{"error":{"code":"order_already_exists","message":"duplicate"}}') };
  const orderCreate: KeyedWrite = { field: 'client_order_id', lostAnswer: 'refuse' };

  it('a retry that meets 409 reaches the caller as applied by its earlier attempt, never as a made-up answer', () => {
    const answer = answerAfterConflict(orderCreate, true, conflict)!;
    expect(answer.status).toBe(409);
    expect(answer.headers.get(STOOD_IN_HEADER)).toBe('true');
    const error = apiErrorFrom(409, errorBodyOf(answer.bytes), { method: 'POST', url: 'https://x.test/portfolio/events/orders' }, { headers: answer.headers, sentKey: { field: 'client_order_id', value: 'mine-1' } });
    expect(error).toBeInstanceOf(KalshiAlreadyAppliedError);
    expect(error).toMatchObject({ byEarlierAttempt: true, idempotencyKey: 'client_order_id', idempotencyKeyValue: 'mine-1' });
    expect(error.message).toMatch(/applied by this call's earlier attempt/);
  });

  it('a write answered 200 {} gets that answer back; a first attempt or an unkeyed write gets the 409 as it is', () => {
    expect(answerAfterConflict({ field: 'client_transfer_id', lostAnswer: 'empty' }, true, conflict)).toMatchObject({ status: 200 });
    expect(answerAfterConflict(orderCreate, false, conflict)).toBeUndefined();
    expect(answerAfterConflict(undefined, true, conflict)).toBeUndefined();
    const first = apiErrorFrom(409, errorBodyOf(conflict.bytes), { method: 'POST', url: 'https://x.test/' }, { headers: conflict.headers, sentKey: { field: 'client_order_id', value: 'k' } });
    expect(first).toMatchObject({ byEarlierAttempt: false });
  });

  it('keys the body once: a fresh UUID when the caller gave none, the caller\'s own otherwise', () => {
    const body: Record<string, unknown> = {};
    const minted = keyTheBody(keyedWriteOf('applySubaccountTransfer'), body)!;
    expect(minted.field).toBe('client_transfer_id');
    expect(minted.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(body['client_transfer_id']).toBe(minted.value);
    expect(keyTheBody(keyedWriteOf('applySubaccountTransfer'), { client_transfer_id: 'chosen' })).toEqual({ field: 'client_transfer_id', value: 'chosen' });
    expect(keyedWriteOf('createSubaccount')).toBeUndefined();
    expect([isRepeatable('GET', undefined), isRepeatable('POST', undefined), isRepeatable('POST', orderCreate)]).toEqual([true, false, true]);
  });
});

describe('what a user\'s middleware, hooks and onRetry see', () => {
  it('client.api middleware sees each call once: the request before signing, then the final answer; onRetry sees each failed attempt', async () => {
    const retries: RetryEvent[] = [];
    const client = await clientFor({ retry: { ...quickRetries, onRetry: (event) => retries.push(event) } });
    const seen: { request?: Request; signedAtRequest?: boolean; responses: Response[] } = { responses: [] };
    const watcher: Middleware = {
      onRequest({ request }) {
        seen.request = request;
        seen.signedAtRequest = request.headers.has('KALSHI-ACCESS-SIGNATURE');
        request.headers.set('x-trace', 'abc');
        return undefined;
      },
      onResponse({ response }) {
        seen.responses.push(response);
        return undefined;
      },
    };
    client.api.use(watcher);
    fake.queueResponses({ status: 429, body: { error: 'too many requests' } }, { status: 502, body: '<html>bad gateway</html>' });
    const before = requestsTo('/portfolio/balance').length;
    const { data } = await client.api.GET('/portfolio/balance');
    expect(typeof data!.balance).toBe('number');
    expect(seen.signedAtRequest).toBe(false);
    expect(seen.responses.map((r) => r.status)).toEqual([200]);
    expect(retries.map((r) => [r.attempt, r.status, r.operationId])).toEqual([
      [1, 429, 'getBalance'],
      [2, 502, 'getBalance'],
    ]);
    expect(retries.every((r) => r.method === 'GET' && r.url.endsWith('/portfolio/balance'))).toBe(true);
    // A header a middleware adds travels with every attempt, retries included.
    const attempts = requestsTo('/portfolio/balance').slice(before);
    expect(attempts.map((r) => r.headers['x-trace'])).toEqual(['abc', 'abc', 'abc']);
    // Middleware belongs to client.api: the methods tell the hooks instead.
    await client.getBalance();
    expect(seen.responses).toHaveLength(1);
    client.api.eject(watcher);
  });

  it('hooks see each method call once: request, the final response, and each retry between', async () => {
    const events: string[] = [];
    const client = await clientFor({
      retry: { ...quickRetries, onRetry: (event) => events.push(`onRetry ${event.attempt}`) },
      hooks: {
        request: (event) => events.push(`request ${event.operationId} ${event.method} ${event.path}`),
        retry: (event) => events.push(`retry ${event.operationId} ${event.attempt} ${event.status}`),
        response: (event) => events.push(`response ${event.operationId} ${event.status} ${event.durationMs >= 0}`),
        error: (event) => events.push(`error ${(event.error as Error).name}`),
      },
    });
    fake.queueResponses({ status: 503 });
    await client.getBalance();
    expect(events).toEqual([
      'request getBalance GET /trade-api/v2/portfolio/balance',
      'onRetry 1',
      'retry getBalance 1 503',
      'response getBalance 200 true',
    ]);
    events.length = 0;
    fake.queueResponses({ status: 400, body: { error: { code: 'bad', message: 'no' } } });
    await rejection(client.getBalance());
    expect(events).toEqual(['request getBalance GET /trade-api/v2/portfolio/balance', 'response getBalance 400 true', 'error KalshiApiError']);
  });

  it('a client.api middleware\'s onError receives the typed error; the error hook the method\'s', async () => {
    const errors: unknown[] = [];
    const client = await createKalshiClient({
      keyId: 'k',
      privateKey: rsaKeys().pkcs8,
      baseUrl: await refusingBaseUrl(),
      retry: false,
      hooks: { error: ({ error }) => errors.push(error) },
    });
    let received: unknown;
    client.api.use({
      onError({ error }) {
        received = error;
        return undefined;
      },
    });
    await expect(client.api.GET('/portfolio/balance')).rejects.toBeInstanceOf(KalshiNetworkError);
    expect(received).toBeInstanceOf(KalshiNetworkError);
    const error = await rejection(client.getBalance());
    expect(errors).toEqual([error]);
    expect(error).toBeInstanceOf(KalshiNetworkError);
  });

  it('a hook that throws makes the call reject with its error', async () => {
    const oops = new Error('hook bug');
    const client = await clientFor({
      hooks: {
        response: () => {
          throw oops;
        },
      },
    });
    expect(await rejection(client.getBalance())).toBe(oops);
  });
});

describe.each(transports)('failures keep their evidence (transport %s)', (transport) => {
  it('a network failure keeps what the runtime threw as its cause', async () => {
    const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8, baseUrl: await refusingBaseUrl(), retry: false, transport });
    const error = await rejection(client.getBalance());
    expect(error).toBeInstanceOf(KalshiNetworkError);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.cause).toBeInstanceOf(Error);
    const chain: unknown[] = [];
    for (let at: unknown = error.cause; at instanceof Error; at = at.cause) chain.push((at as { code?: unknown }).code);
    expect(chain).toContain('ECONNREFUSED');
  });

  it('a timeout keeps the runtime\'s TimeoutError as its cause', async () => {
    const { baseUrl, server } = await localServer(() => undefined); // never answers
    try {
      const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8, baseUrl, retry: false, transport, timeoutMs: 150 });
      const error = await rejection(client.getBalance());
      expect(error).toBeInstanceOf(KalshiTimeoutError);
      expect((error.cause as Error).name).toBe('TimeoutError');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an API error keeps the answer\'s headers (Retry-After, a request id), but no cookies', async () => {
    const { baseUrl, server } = await localServer((_request, response) => {
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': '7',
        'x-request-id': 'req-123',
        'set-cookie': 'session=secret',
      });
      response.end(JSON.stringify({ error: 'too many requests' }));
    });
    try {
      const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8, baseUrl, retry: false, transport });
      const error = await rejection(client.getBalance());
      expect(error).toBeInstanceOf(KalshiRateLimitError);
      const { headers } = error as KalshiRateLimitError;
      expect(headers['retry-after']).toBe('7');
      expect(headers['x-request-id']).toBe('req-123');
      expect(headers['set-cookie']).toBeUndefined();
      expect(JSON.stringify(error)).toContain('req-123');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
