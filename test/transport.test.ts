/**
 * Both transports — undici's request() (the default on Node) and the runtime's fetch — behave the
 * same for everything the client relies on.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiApiError, KalshiConfigError, KalshiTimeoutError, type KalshiClientOptions } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';

let fake: FakeKalshi;
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 17, fills: 30, historicalCutoffDays: null });
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/trade-api/v2`;
});
afterAll(async () => {
  silent.closeAllConnections();
  silent.close();
  await fake.close();
});

const connect = (options: Partial<KalshiClientOptions>) =>
  createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options });

describe.each(['undici', 'fetch'] as const)('transport %s', (transport) => {
  it('round-trips reads and writes, with the agent it claims', async () => {
    const client = await connect({ transport });
    expect(await client.getBalance()).toEqual(fake.data.balance);
    const { subaccount_number } = await client.createSubaccount();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', status: 201, body: {} });
    expect(subaccount_number).toBeGreaterThan(0);
    expect(fake.requests.at(-1)!.headers['user-agent']).toMatch(transport === 'undici' ? /^kalshi-portfolio \(node v\d+/ : /^node$/);
  });

  it('hands middleware a response it can clone and read, without spending the body', async () => {
    const client = await connect({ transport });
    const seen: unknown[] = [];
    client.api.use({
      async onResponse({ response }) {
        seen.push(await response.clone().json());
        expect(response.bodyUsed).toBe(false);
        return undefined;
      },
    });
    expect((await client.api.GET('/portfolio/balance')).data).toEqual(fake.data.balance);
    expect(seen).toEqual([fake.data.balance]);
  });

  it('maps an HTML 503 and an empty 502', async () => {
    const client = await connect({ transport, retry: false });
    fake.queueResponses({ status: 503, body: '<html><title>down</title></html>', headers: { 'content-type': 'text/html' } }, { status: 502 });
    await expect(client.getBalance()).rejects.toMatchObject({ status: 503, bodyExcerpt: '<html><title>down</title></html>' });
    const error = await client.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 502, bodyExcerpt: undefined });
  });

  it('retries a connection cut mid-body', async () => {
    const client = await connect({ transport });
    fake.queueResponses({ status: 200, body: { filler: 'x'.repeat(50_000) }, destroy: true });
    expect(await client.getBalance()).toEqual(fake.data.balance);
  });

  it('times out on a server that never answers', async () => {
    const client = await connect({ transport, baseUrl: silentUrl, timeoutMs: 120, retry: false });
    await expect(client.getBalance()).rejects.toBeInstanceOf(KalshiTimeoutError);
  });

  it('stops on a caller abort', async () => {
    const client = await connect({ transport, baseUrl: silentUrl, timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = client.getBalance(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('transport option', () => {
  it('is undici by default on Node, and fetch when a fetch is given', async () => {
    await (await connect({})).getBalance();
    expect(fake.requests.at(-1)!.headers['user-agent']).toMatch(/^kalshi-portfolio/);
    let used = 0;
    const client = await connect({ fetch: (request) => (used++, fetch(request)) });
    await client.getBalance();
    expect(used).toBe(1);
  });

  it.each([
    [{ transport: 'carrier-pigeon' }, /transport must be "auto", "fetch" or "undici"/],
    [{ transport: 'undici', fetch: (r: Request) => fetch(r) }, /transport and fetch cannot be combined/],
  ])('rejects %o', async (options, message) => {
    const error = await connect(options as Partial<KalshiClientOptions>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
