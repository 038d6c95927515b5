/**
 * Servers that misbehave on purpose, on loopback, against both transports: answers that never
 * come, redirects to another origin, bodies without end, success answers that are no answer, and
 * a caller's signal reused over thousands of calls.
 */
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createKalshiClient,
  KalshiApiError,
  KalshiMalformedResponseError,
  KalshiRedirectError,
  KalshiResponseTooLargeError,
  KalshiTimeoutError,
  type KalshiClientOptions,
} from '../src/index.js';
import { rejection } from './support/async.js';
import { rsaKeys } from './support/keys.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface Loopback {
  url: string;
  seen: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  handle: Handler;
  server: Server;
}

async function loopback(): Promise<Loopback> {
  const state: Loopback = { url: '', seen: [], handle: () => undefined, server: undefined as unknown as Server };
  state.server = createServer((request, response) => {
    state.seen.push({ method: request.method!, url: request.url!, headers: request.headers });
    state.handle(request, response);
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as { port: number }).port}`;
  return state;
}

let hostile: Loopback;
/** Another origin, where a redirect points: it must never hear from the client. */
let elsewhere: Loopback;
const { pkcs8 } = rsaKeys();

beforeAll(async () => {
  hostile = await loopback();
  elsewhere = await loopback();
  elsewhere.handle = (_, response) => response.end('{"balance": 999}');
});
afterEach(() => {
  hostile.seen.length = 0;
  elsewhere.seen.length = 0;
  hostile.handle = () => undefined;
});
afterAll(async () => {
  for (const { server } of [hostile, elsewhere]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Each client signs with a key id of its own, so a late request of an earlier test is never counted as this one's. */
let clients = 0;
let keyId = '';

const connect = (options: Partial<KalshiClientOptions> = {}) => {
  keyId = `key-id-${++clients}`;
  return createKalshiClient({
    keyId,
    privateKey: pkcs8,
    baseUrl: `${hostile.url}/trade-api/v2`,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
};

/** The requests of the latest client that reached the hostile server. */
const fromThisClient = () => hostile.seen.filter((request) => request.headers['kalshi-access-key'] === keyId);

/**
 * The same, once `count` have arrived (or two seconds have passed): the server shares this
 * process's event loop, so on a loaded machine a request the client sent may be read after the
 * client has given up on it.
 */
async function fromThisClientOnceArrived(count: number): Promise<Loopback['seen']> {
  for (const deadline = Date.now() + 2_000; fromThisClient().length < count && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
  return fromThisClient();
}

/** Runs the garbage collector every few milliseconds while `work` is pending. */
async function underGcPressure<T>(work: Promise<T>): Promise<T> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const collector = setInterval(gc, 20);
  try {
    return await work;
  } finally {
    clearInterval(collector);
  }
}

/** A 200 that starts a JSON body, then sends a space every 20 ms and never ends it. */
function dripForever(_: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"balance": ');
  const drip = setInterval(() => response.write(' '), 20);
  response.on('close', () => clearInterval(drip));
}

describe.each(['undici', 'fetch'] as const)('against a hostile server, transport %s', (transport) => {
  it('keeps the deadline while the garbage collector runs, against a server that never answers', async () => {
    const client = await connect({ transport, timeoutMs: 300, retry: false });
    const error = await underGcPressure(rejection(client.getBalance()));
    expect(error).toBeInstanceOf(KalshiTimeoutError);
  }, 10_000);

  it('keeps the deadline while the garbage collector runs, against a body that drips forever', async () => {
    hostile.handle = dripForever;
    const client = await connect({ transport, timeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await underGcPressure(rejection(client.getBalance()));
    expect(error).toBeInstanceOf(KalshiTimeoutError);
    expect(await fromThisClientOnceArrived(3)).toHaveLength(3);
  }, 10_000);

  it('stops a body that drips forever when the caller aborts, with the caller\'s reason, and sends no retry', async () => {
    hostile.handle = dripForever;
    const client = await connect({ transport, timeoutMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error('user went away');
    setTimeout(() => controller.abort(reason), 150);
    const started = Date.now();
    expect(await rejection(client.getBalance(undefined, { signal: controller.signal }))).toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fromThisClient()).toHaveLength(1);
    // Already aborted: nothing is sent at all.
    expect(await rejection(client.getBalance(undefined, { signal: controller.signal }))).toBe(reason);
    expect(fromThisClient()).toHaveLength(1);
  });

  it.each([301, 302, 307, 308])('refuses a %i to another origin: nothing reaches it, and the error names where it pointed', async (status) => {
    const target = `${elsewhere.url}/steal`;
    hostile.handle = (_, response) => response.writeHead(status, { location: target }).end();
    const client = await connect({ transport });
    for (const call of [() => client.getBalance(), () => client.createSubaccount()]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(KalshiRedirectError);
      expect(error).toBeInstanceOf(KalshiApiError);
      expect(error).toMatchObject({ status, location: target });
      expect(error.message).toContain(target);
    }
    // Not retried either: a redirect would only come again.
    expect(fromThisClient()).toHaveLength(2);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('abandons a body larger than maxResponseBytes mid-read, declared or not, without retrying', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (const declared of [true, false]) {
      hostile.seen.length = 0;
      let sent = 0;
      hostile.handle = (_, response) => {
        response.writeHead(200, declared ? { 'content-length': String(50 * 1024 * 1024) } : {});
        const pump = () => {
          while (sent < 50 * 1024 * 1024 && response.write(chunk)) sent += chunk.length;
        };
        response.on('drain', pump);
        pump();
      };
      const client = await connect({ transport, maxResponseBytes: 1024 * 1024 });
      const error = await rejection(client.getBalance());
      expect(error).toBeInstanceOf(KalshiResponseTooLargeError);
      expect(error).toMatchObject({ status: 200, limitBytes: 1024 * 1024 });
      expect(error.message).toMatch(/maxResponseBytes \(1048576 bytes\)/);
      expect(fromThisClient()).toHaveLength(1);
      // The read stopped near the limit instead of taking in all 50 MB.
      expect(sent).toBeLessThan(20 * 1024 * 1024);
    }
  });

  it.each([
    ['HTML from a proxy', '<html><body>Welcome to the hotel wifi</body></html>', /non-JSON body.*hotel wifi/],
    ['an empty body', '', /empty body/],
    ['JSON null', 'null', /not an object.*: "null"/],
    ['a JSON string', '"ok"', /not an object/],
    ['a JSON array', '[]', /not an object/],
  ])('turns a 200 carrying %s into a KalshiMalformedResponseError with the status and an excerpt', async (_, body, message) => {
    hostile.handle = (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    const client = await connect({ transport });
    const error = await rejection(client.getBalance());
    expect(error).toBeInstanceOf(KalshiMalformedResponseError);
    expect(error).toMatchObject({ status: 200, bodyExcerpt: body, method: 'GET' });
    expect(error.message).toMatch(message);
    // An iterator meets the same typed error, not a TypeError from reading a field of nothing.
    const pages = await rejection((async () => {
      for await (const fill of client.fills()) void fill;
    })());
    expect(pages).toBeInstanceOf(KalshiMalformedResponseError);
  });

  it('quotes no more than a bounded excerpt of a huge error message from the server', async () => {
    hostile.handle = (_, response) =>
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'x'.repeat(50_000), message: 'y'.repeat(100_000) } }));
    const client = await connect({ transport });
    const error = await rejection(client.getBalance());
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error.message.length).toBeLessThan(1_000);
  });
});

describe('a caller signal reused over many calls', () => {
  it.each(['undici', 'fetch'] as const)('carries no listener once each call has ended (%s), so Node never warns of a leak', async (transport) => {
    hostile.handle = (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"balance": 1}');
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const client = await connect({ transport });
      const signal = new AbortController().signal;
      for (let i = 0; i < 1_500; i++) await client.getBalance(undefined, { signal });
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  }, 60_000);
});

describe('a fetch of the caller’s own that follows redirects anyway', () => {
  it('still fails the call, naming where the request went', async () => {
    const target = `${elsewhere.url}/steal`;
    hostile.handle = (_, response) => response.writeHead(302, { location: target }).end();
    const following = (request: Request) => fetch(request.url, { method: request.method, headers: request.headers });
    const client = await connect({ fetch: following });
    const error = await rejection(client.getBalance());
    expect(error).toBeInstanceOf(KalshiRedirectError);
    expect(error.message).toContain(target);
    expect(error.message).toMatch(/followed a redirect/);
  });
});
