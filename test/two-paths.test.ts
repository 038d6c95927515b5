/**
 * A method call takes one of two ways to the attempt pipeline: as plain data while no middleware
 * is installed (the fast path), or through openapi-fetch's Request and Response once one is, so
 * the middleware sees it. Both must put the same bytes on the wire and make the same of the
 * answer, for every operation, with inputs chosen to trip up URL and body encoding.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiError, operationTable, type KalshiClient, type OperationId } from '../src/index.js';
import { rsaKeys } from './support/keys.js';

interface Seen {
  method: string;
  /** The request target exactly as it arrived: path and query, undecoded. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** How the server answers a path (by what it ends with); anything else is `200 {"ok":true}`. */
const SCRIPTED: Record<string, { status: number; headers?: Record<string, string>; body: string }> = {
  '/refused': { status: 400, body: '{"error":{"code":"invalid_parameters","message":"no such \'thing\'"}}' },
  '/gateway': { status: 502, body: '<html>bad gateway</html>' },
  '/empty': { status: 200, headers: { 'content-length': '0' }, body: '' },
  '/nothing': { status: 204, body: '' },
  '/array': { status: 200, body: '[1,2]' },
};

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = { ...req.headers } as Record<string, string>;
      seen.push({ method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks).toString('utf8') });
      const path = req.url!.split('?')[0]!;
      const scripted = Object.entries(SCRIPTED).find(([suffix]) => path.endsWith(encodeURIComponent(suffix.slice(1))) || path.endsWith(suffix))?.[1];
      const reply = scripted ?? { status: 200, body: '{"ok":true,"echo":"é ✓"}' };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/trade-api/v2`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Values that encode differently in a path, a query and a body if anything is done by hand. */
const AWKWARD = "KX 'a'/b?c&d=e#f%20+é✓";

function inputFor(operationId: OperationId, idSuffix = 'ok'): Record<string, unknown> | undefined {
  const entry = operationTable[operationId];
  const input: Record<string, unknown> = {};
  if (entry.hasBody) {
    // A write on one item (amending order X) takes the item's id and its query beside the body.
    Object.assign(input, { amount_cents: 1, note: AWKWARD, nested: { list: [1, 'two', null], quote: '"' }, client_transfer_id: 'fixed-key-1', from_subaccount: 0, to_subaccount: 1 });
  }
  for (const name of entry.pathParams as readonly string[]) input[name] = `${AWKWARD}/${idSuffix}`;
  for (const name of entry.queryParams as readonly string[]) {
    input[name] = name === 'limit' ? 7 : name.endsWith('_ts') ? new Date(Date.UTC(2026, 0, 2)) : name === 'subaccount' || name === 'exchange_index' ? 0 : AWKWARD;
  }
  return input;
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { value: await promise };
  } catch (error) {
    if (!(error instanceof KalshiError)) throw error;
    return { error: error.constructor.name, message: error.message, status: (error as { status?: number }).status };
  }
}

/** What a call sent and what came of it, on one client. */
async function run(client: KalshiClient, operationId: OperationId, input: unknown) {
  const before = seen.length;
  const result = await outcome((client[operationId] as (input?: unknown) => Promise<unknown>)(input));
  const sent = seen.slice(before).map(({ headers, ...rest }) => {
    // Signed afresh each time: equal only in shape.
    const { 'kalshi-access-timestamp': timestamp, 'kalshi-access-signature': signature, ...others } = headers;
    return { ...rest, headers: others, signed: Boolean(timestamp && signature) };
  });
  return { sent, result };
}

describe.each(['undici', 'fetch'] as const)('with and without middleware, one wire (transport %s)', (transport) => {
  let fast: KalshiClient;
  let watched: KalshiClient;
  const watchedCalls: string[] = [];

  beforeAll(async () => {
    const options = { keyId: 'key-1', privateKey: rsaKeys().pkcs8, baseUrl, transport, retry: false as const, validateResponses: false };
    fast = await createKalshiClient(options);
    watched = await createKalshiClient(options);
    watched.api.use({
      onRequest({ request }) {
        watchedCalls.push(`${request.method} ${new URL(request.url).pathname}`);
        return undefined;
      },
    });
  });

  it.each(Object.keys(operationTable) as OperationId[])('%s sends the same request and reads the same answer', async (operationId) => {
    const calls = watchedCalls.length;
    const input = inputFor(operationId);
    const a = await run(fast, operationId, input);
    const b = await run(watched, operationId, input);
    expect(watchedCalls.length, 'the middleware saw the call').toBe(calls + 1);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toEqual(a.sent);
    expect(b.result).toEqual(a.result);
    const key = operationTable[operationId].idempotencyKey;
    expect(a.result).toEqual({ value: { ok: true, echo: 'é ✓', ...(key ? { [key]: 'fixed-key-1' } : {}) } });
    if (operationTable[operationId].pathParams.length > 0) expect(a.sent[0]!.url).toContain(encodeURIComponent(`${AWKWARD}/ok`));
    if (operationTable[operationId].hasBody) expect(JSON.parse(a.sent[0]!.body)).toMatchObject({ note: AWKWARD });
  });

  it.each(Object.keys(SCRIPTED))('an answer like %s becomes the same result either way', async (suffix) => {
    // A path parameter carries the script's name, so a read by id reaches it.
    const input = { transfer_id: suffix.slice(1) };
    const a = await run(fast, 'getIntraExchangeInstanceTransfer', input);
    const b = await run(watched, 'getIntraExchangeInstanceTransfer', input);
    expect(b.sent).toEqual(a.sent);
    expect(b.result).toEqual(a.result);
    expect(a.result).toHaveProperty('error');
  });

  it('middleware installed after some calls sees every call that follows; ejected, calls go the plain way again', async () => {
    // Counts the Request objects built (openapi-fetch takes the global one when the client is made).
    let requestsBuilt = 0;
    const RealRequest = globalThis.Request;
    globalThis.Request = new Proxy(RealRequest, {
      construct(target, args) {
        requestsBuilt++;
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      const client = await createKalshiClient({ keyId: 'key-1', privateKey: rsaKeys().pkcs8, baseUrl, transport, retry: false });
      // The fetch transport builds the one Request its fetch takes; the plain way builds no other.
      const plainWay = transport === 'fetch' ? 1 : 0;
      const builtBy = async (call: () => Promise<unknown>) => {
        requestsBuilt = 0;
        await call();
        return requestsBuilt;
      };
      expect(await builtBy(() => client.getBalance())).toBe(plainWay);
      const saw: string[] = [];
      const watcher = {
        onRequest({ request }: { request: Request }) {
          saw.push(request.method);
          return undefined;
        },
      };
      client.api.use(watcher);
      expect(await builtBy(() => client.getBalance())).toBe(plainWay + 1);
      await client.createSubaccount();
      expect(saw).toEqual(['GET', 'POST']);
      // Installed twice, as openapi-fetch allows (it then runs twice), and a refusal counts for nothing.
      client.api.use(watcher);
      expect(() => client.api.use(42 as never)).toThrow(/Middleware must be an object/);
      client.api.eject(watcher);
      await client.getBalance();
      expect(saw).toEqual(['GET', 'POST', 'GET']);
      client.api.eject(watcher);
      expect(await builtBy(() => client.getBalance())).toBe(plainWay);
      expect(saw).toEqual(['GET', 'POST', 'GET']);
    } finally {
      globalThis.Request = RealRequest;
    }
  });
});
