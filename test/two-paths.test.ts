/**
 * Two ways reach the attempt pipeline: a method call, as plain data (it builds no Request or
 * Response, hooks or not), and `client.api`, openapi-fetch's own Request and Response. Both must
 * put the same bytes on the wire, for every operation, with inputs chosen to trip up URL and body
 * encoding; and a method call takes its one way whatever is installed.
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
    Object.assign(input, { amount_cents: 1, note: AWKWARD, nested: { list: [1, 'two', null], quote: '"' }, from_subaccount: 0, to_subaccount: 1 });
    // A keyed write's key is fixed, so both ways send the same body (a method call mints one when it is absent).
    if (entry.idempotencyKey) input[entry.idempotencyKey] = 'fixed-key-1';
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

/** The same call through client.api, with openapi-fetch building the Request. */
function viaApi(client: KalshiClient, operationId: OperationId, input: Record<string, unknown> | undefined): Promise<unknown> {
  const entry = operationTable[operationId];
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if ((entry.pathParams as readonly string[]).includes(name)) path[name] = value;
    // A write takes its id and query beside its body; openapi-fetch takes them apart.
    else if (entry.hasBody && !(entry.queryParams as readonly string[]).includes(name)) body[name] = value;
    // openapi-fetch takes seconds, as the method sends a Date.
    else query[name] = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  }
  return client.api.request(entry.method.toLowerCase() as 'get', entry.path as never, { params: { path, query }, ...(entry.hasBody ? { body } : {}), parseAs: 'text' } as never);
}

describe.each(['undici', 'fetch'] as const)('methods and client.api, one wire (transport %s)', (transport) => {
  let client: KalshiClient;
  const apiCalls: string[] = [];

  beforeAll(async () => {
    client = await createKalshiClient({ keyId: 'key-1', privateKey: rsaKeys().pkcs8, baseUrl, transport, retry: false as const, validateResponses: false });
    client.api.use({
      onRequest({ request }) {
        apiCalls.push(`${request.method} ${new URL(request.url).pathname}`);
        return undefined;
      },
    });
  });

  it.each(Object.keys(operationTable) as OperationId[])('%s sends the same request either way', async (operationId) => {
    const calls = apiCalls.length;
    const input = inputFor(operationId);
    const a = await run(client, operationId, input);
    const before = seen.length;
    await viaApi(client, operationId, input);
    const b = seen.slice(before).map(({ headers, ...rest }) => {
      const { 'kalshi-access-timestamp': timestamp, 'kalshi-access-signature': signature, ...others } = headers;
      return { ...rest, headers: others, signed: Boolean(timestamp && signature) };
    });
    expect(apiCalls.length, 'client.api middleware saw its own call, not the method\'s').toBe(calls + 1);
    expect(a.sent).toHaveLength(1);
    expect(b).toEqual(a.sent);
    const key = operationTable[operationId].idempotencyKey;
    expect(a.result).toEqual({ value: { ok: true, echo: 'é ✓', ...(key ? { [key]: 'fixed-key-1' } : {}) } });
    if (operationTable[operationId].pathParams.length > 0) expect(a.sent[0]!.url).toContain(encodeURIComponent(`${AWKWARD}/ok`));
    if (operationTable[operationId].hasBody) expect(JSON.parse(a.sent[0]!.body)).toMatchObject({ note: AWKWARD });
  });

  it.each(Object.keys(SCRIPTED))('an answer like %s becomes a typed error', async (suffix) => {
    // A path parameter carries the script's name, so a read by id reaches it.
    const { result } = await run(client, 'getIntraExchangeInstanceTransfer', { transfer_id: suffix.slice(1) });
    expect(result).toHaveProperty('error');
  });

  it('a method call builds no Request or Response, with hooks installed and middleware on client.api', async () => {
    // Counts the Request and Response objects built (openapi-fetch takes the global Request when the client is made).
    let built = 0;
    const RealRequest = globalThis.Request;
    const RealResponse = globalThis.Response;
    const counting = <T extends object>(real: T) =>
      new Proxy(real, {
        construct(target, args) {
          built++;
          return Reflect.construct(target as never, args) as object;
        },
      });
    globalThis.Request = counting(RealRequest);
    globalThis.Response = counting(RealResponse);
    try {
      const heard: string[] = [];
      const watched = await createKalshiClient({
        keyId: 'key-1',
        privateKey: rsaKeys().pkcs8,
        baseUrl,
        transport,
        retry: false,
        hooks: {
          request: ({ method, path }) => heard.push(`${method} ${path}`),
          response: ({ status }) => heard.push(String(status)),
        },
      });
      watched.api.use({ onRequest: () => undefined });
      // The fetch transport builds the one Request its fetch takes (fetch makes its Response inside); undici neither.
      const ownedByTransport = transport === 'fetch' ? 1 : 0;
      const builtBy = async (call: () => Promise<unknown>) => {
        built = 0;
        await call();
        return built;
      };
      expect(await builtBy(() => watched.getBalance())).toBe(ownedByTransport);
      expect(await builtBy(() => watched.createSubaccount())).toBe(ownedByTransport);
      expect(heard).toEqual(['GET /trade-api/v2/portfolio/balance', '200', 'POST /trade-api/v2/portfolio/subaccounts', '200']);
      // client.api is openapi-fetch: a Request, and a Response over the answer, beyond the transport's.
      expect(await builtBy(() => watched.api.GET('/portfolio/balance'))).toBeGreaterThan(ownedByTransport);
    } finally {
      globalThis.Request = RealRequest;
      globalThis.Response = RealResponse;
    }
  });
});
