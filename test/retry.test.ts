import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { KalshiNetworkError, type RetryOptions } from '../src/index.js';
import { createAttemptPipeline } from '../src/http/pipeline.js';
import { type RetryClock, createRetryPolicy, resolveRetryOptions } from '../src/http/retry.js';
import type { RequestSigner } from '../src/http/signer.js';
import { fetchTransport } from '../src/http/transport/fetch.js';
import { asFetch } from '../src/http/as-fetch.js';
import { createServerClock } from '../src/http/clock.js';

type Step = Response | Error | (() => Response);

/** A scripted transport: answers each request with the next step and records what it was sent. */
function scripted(steps: Step[]) {
  const seen: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push(request);
    const step = steps.shift();
    if (!step) throw new Error('script exhausted');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step;
  };
  return { fetch, seen };
}

const unsigned: RequestSigner = async () => ({});

/** A client whose every request takes the attempt pipeline over a scripted transport. */
function pipelineClient(
  baseUrl: string,
  fetch: (request: Request) => Promise<Response>,
  retry: RetryOptions | false,
  settings: { signer?: RequestSigner; clock?: Partial<RetryClock>; sleep?: (ms: number) => Promise<void> } = {},
) {
  const send = createAttemptPipeline({
    signer: settings.signer ?? unsigned,
    limiter: undefined,
    // The real fetch transport over the script, so bodies are read inside the attempt as in use.
    transport: fetchTransport(fetch, 1 << 20),
    timeoutMs: 1_000,
    retry: createRetryPolicy(resolveRetryOptions(retry), settings.clock),
    clock: createServerClock(),
    onRetry: undefined,
    sleep: settings.sleep ?? (async () => undefined),
  });
  // Requests outside the spec: signed, and repeated only when they are reads.
  return createClient<any>({ baseUrl, fetch: asFetch(send, undefined) });
}

function setup(steps: Step[], options: RetryOptions = {}) {
  const transport = scripted(steps);
  const sleeps: number[] = [];
  let clock = 0;
  const prepared: string[] = [];
  const signer: RequestSigner = async (method) => {
    prepared.push(method);
    return { 'x-attempt': String(prepared.length) };
  };
  const client = pipelineClient('http://kalshi.test/trade-api/v2', transport.fetch, { baseDelayMs: 100, maxDelayMs: 1_000, ...options }, {
    signer,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    clock: { random: () => 1, now: () => clock },
  });
  return { client, sleeps, prepared, seen: transport.seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A 200 whose body stream dies after the first bytes, as when a connection is reset mid-response. */
function cutMidBody(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"balance": 1'));
      controller.error(new TypeError('terminated'));
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } });
}

describe('retries in the attempt pipeline', () => {
  it('retries 429 and 5xx on a GET, signing every attempt afresh, with exponential ceilings', async () => {
    const { client, sleeps, prepared, seen } = setup([
      json(429, { error: 'too many requests' }),
      new Response('<html>bad gateway</html>', { status: 502 }),
      new Response(null, { status: 503 }),
      json(200, { balance: 100 }),
    ]);
    const { data, response } = await client.GET('/portfolio/balance', {});
    expect(response.status).toBe(200);
    expect(data).toEqual({ balance: 100 });
    expect(seen).toHaveLength(4);
    // The first attempt takes the same steps as the retries: four attempts, four signatures.
    expect(prepared).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(seen.map((r) => r.headers.get('x-attempt'))).toEqual(['1', '2', '3', '4']);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('waits a uniformly random share of the ceiling (full jitter), capped by maxDelayMs', async () => {
    const sleeps: number[] = [];
    const transport = scripted(Array.from({ length: 6 }, () => new Response(null, { status: 500 })));
    const randoms = [0, 0.5, 0.25, 1, 0.9];
    const client = pipelineClient('http://kalshi.test', transport.fetch, { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 6 }, {
      sleep: async (ms) => void sleeps.push(ms),
      clock: { random: () => randoms.shift()! },
    });
    const { response } = await client.GET('/x', {});
    expect(response.status).toBe(500);
    expect(sleeps).toEqual([0, 100, 100, 500, 450]);
  });

  it('never retries a POST', async () => {
    const { client, seen } = setup([new Response(null, { status: 503 }), json(200, {})]);
    const { response } = await client.POST('/portfolio/subaccounts', { body: {} });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('does not retry a 400 or 401', async () => {
    for (const status of [400, 401, 404]) {
      const { client, seen } = setup([json(status, { msg: 'no' }), json(200, {})]);
      const { response, error } = await client.GET('/portfolio/balance', {});
      expect(response.status).toBe(status);
      expect(error).toEqual({ msg: 'no' });
      expect(seen).toHaveLength(1);
    }
  });

  it('gives up after maxAttempts and hands back the last answer', async () => {
    const { client, seen } = setup(
      Array.from({ length: 5 }, () => json(429, { error: 'too many requests' })),
      { maxAttempts: 3 },
    );
    const { response, error } = await client.GET('/portfolio/balance', {});
    expect(response.status).toBe(429);
    expect(error).toEqual({ error: 'too many requests' });
    expect(seen).toHaveLength(3);
  });

  it('retries network failures and connections cut mid-body', async () => {
    const { client, seen } = setup([new TypeError('fetch failed'), cutMidBody, json(200, { balance: 7 })]);
    const { data } = await client.GET('/portfolio/balance', {});
    expect(data).toEqual({ balance: 7 });
    expect(seen).toHaveLength(3);
  });

  it('turns a network failure that outlasts the retries into a KalshiNetworkError', async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const { client, seen } = setup(
      Array.from({ length: 3 }, () => new TypeError('fetch failed', { cause })),
      { maxAttempts: 3 },
    );
    const error = await client.GET('/portfolio/balance', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiNetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(seen).toHaveLength(3);
  });

  it('honours Retry-After when a proxy sends it, within maxDelayMs', async () => {
    const { client, sleeps } = setup([
      json(503, {}, { 'retry-after': '0.3' }),
      json(503, {}, { 'retry-after': '120' }),
      json(200, {}),
    ]);
    await client.GET('/portfolio/balance', {});
    expect(sleeps).toEqual([300, 1_000]);
  });

  it('starts no retry that would end past maxElapsedMs', async () => {
    const { client, seen } = setup(
      Array.from({ length: 6 }, () => new Response(null, { status: 500 })),
      { baseDelayMs: 400, maxDelayMs: 10_000, maxElapsedMs: 1_000 },
    );
    await client.GET('/portfolio/balance', {});
    // Waits of 400 then 800 would end at 1,200 ms: only the first retry starts.
    expect(seen).toHaveLength(2);
  });

  it('retry: false sends once', async () => {
    const transport = scripted([json(429, { error: 'too many requests' }), json(200, {})]);
    const client = pipelineClient('http://kalshi.test', transport.fetch, false);
    expect((await client.GET('/x', {})).response.status).toBe(429);
    expect(transport.seen).toHaveLength(1);
  });

  it('passes a caller abort straight through, without retrying', async () => {
    const abort = new DOMException('stopped', 'AbortError');
    const { client, seen } = setup([abort, json(200, {})]);
    await expect(client.GET('/portfolio/balance', {})).rejects.toBe(abort);
    expect(seen).toHaveLength(1);
  });
});
