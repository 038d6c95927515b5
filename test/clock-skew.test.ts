/**
 * A machine whose clock is off by more than Kalshi's window: the client learns the offset from
 * the refusal's `Date` header, signs that request again once, and keeps the offset for every later
 * request and for the stream's handshake.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiAlreadyAppliedError, KalshiAuthError, type RetryEvent, type StreamEvent } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { rejection } from './support/async.js';
import { rsaKeys } from './support/keys.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function skewedFake(clockOffsetMs: number): Promise<FakeKalshi> {
  const fake = await startFakeKalshi({ seed: 5, fills: 20, clockOffsetMs, historicalCutoffDays: null });
  open.push(fake);
  return fake;
}

const connect = (fake: FakeKalshi, extra: { onRetry?: (event: RetryEvent) => void } = {}) =>
  createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 2, ...extra } });

describe.each([
  ['a minute ahead of', 60_000],
  ['two minutes behind', -120_000],
])('a server %s this machine', (_, offset) => {
  it('answers the first call after one re-signed attempt, and every later call at the first try', async () => {
    const fake = await skewedFake(offset);
    const retries: RetryEvent[] = [];
    const client = await connect(fake, { onRetry: (event) => retries.push(event) });
    expect(client.clockOffsetMs).toBe(0);
    expect(await client.getBalance()).toEqual(fake.data.balance);
    expect(fake.requests.map((r) => r.status)).toEqual([401, 200]);
    expect(retries).toEqual([expect.objectContaining({ status: 401, attempt: 1, delayMs: 0 })]);
    // Learned from a Date header with whole seconds: within a second and a half of the truth.
    expect(Math.abs(client.clockOffsetMs - offset)).toBeLessThan(1_500);
    await client.getPositions();
    await client.getSettlements();
    expect(fake.requests.map((r) => r.status)).toEqual([401, 200, 200, 200]);
  });

  it('signs a write again once and applies it once (a refused request was never applied)', async () => {
    const fake = await skewedFake(offset);
    const client = await connect(fake);
    const { subaccount_number } = await client.createSubaccount();
    expect(subaccount_number).toBeGreaterThan(0);
    const posts = fake.requests.filter((r) => r.method === 'POST');
    // The refused attempt never reached the route; the second one created exactly one subaccount.
    expect(posts.map((r) => r.status)).toEqual([401, 201]);
  });

  it('a keyed write refused for its timestamp, then met by 409, was applied by another call, not by this one', async () => {
    const fake = await skewedFake(offset);
    const first = await connect(fake);
    const { subaccount_number: to } = await first.createSubaccount();
    const body = { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: to, amount_cents: 1 };
    await first.applySubaccountTransfer(body);
    // A second client, its clock not yet corrected: the refused attempt applied nothing, so the
    // 409 after it is the first call's use of the key, never this call's lost answer.
    const error = await rejection((await connect(fake)).applySubaccountTransfer(body));
    expect(error).toBeInstanceOf(KalshiAlreadyAppliedError);
    expect((error as KalshiAlreadyAppliedError).byEarlierAttempt).toBe(false);
    const attempts = fake.requests.filter((r) => (r.body as { client_transfer_id?: string } | undefined)?.client_transfer_id === body.client_transfer_id);
    expect(attempts.map((r) => r.status)).toEqual([200, 401, 409]);
  });

  it('a stream opened first connects and catches up by the corrected clock', async () => {
    const fake = await skewedFake(offset);
    const client = await connect(fake);
    const stream = client.stream({ heartbeatMs: 1_000 });
    open.push(stream);
    const events: StreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'status' && event.status === 'caught-up') break;
    }
    expect(fake.streamHandshakes.some((h) => h.accepted)).toBe(true);
    expect(Math.abs(client.clockOffsetMs - offset)).toBeLessThan(1_500);
    // At most one request of the catch-up was refused for its timestamp: the one that taught the offset.
    expect(fake.requests.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
  });

  it('a stream with no REST catch-up learns the offset from its own refused handshake, then connects', async () => {
    const fake = await skewedFake(offset);
    const client = await connect(fake);
    // Orders only: no fills are remembered over REST before connecting, so the handshake meets the skew first.
    const stream = client.stream({ channels: ['user_orders'], heartbeatMs: 1_000 });
    open.push(stream);
    const statuses: string[] = [];
    for await (const event of stream) {
      if (event.type !== 'status') continue;
      statuses.push(event.status);
      if (event.status === 'caught-up') break;
    }
    // The first handshake met the skew; every REST read (the orders' catch-up) went out after the
    // correction, so none was refused: the handshake's own refusal taught the clock.
    expect(fake.streamHandshakes[0]).toMatchObject({ accepted: false, status: 401 });
    expect(fake.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(fake.streamHandshakes.map((h) => h.accepted).at(-1)).toBe(true);
    expect(statuses).toEqual(['reconnecting', 'connected', 'caught-up']);
    expect(Math.abs(client.clockOffsetMs - offset)).toBeLessThan(1_500);
  });
});

describe('what does not move the clock', () => {
  it('a 401 for a bad signature is not retried and leaves the offset at 0', async () => {
    const fake = await skewedFake(0);
    const client = await createKalshiClient({ keyId: fake.keyId, privateKey: rsaKeys().pkcs8, baseUrl: fake.baseUrl });
    expect(await rejection(client.getBalance())).toBeInstanceOf(KalshiAuthError);
    expect(fake.requests).toHaveLength(1);
    expect(client.clockOffsetMs).toBe(0);
  });

  it('a server that refuses the timestamp again gets one re-signed attempt, not a loop', async () => {
    let seen = 0;
    const server: Server = createServer((_, response) => {
      seen++;
      response
        .writeHead(401, { 'content-type': 'application/json', date: new Date(Date.now() + 3_600_000).toUTCString() })
        .end('{"error":{"code":"header_timestamp_expired","message":"expired"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const { port } = server.address() as { port: number };
    const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8, baseUrl: `http://127.0.0.1:${port}/trade-api/v2` });
    const error = await rejection(client.getBalance());
    expect(error).toBeInstanceOf(KalshiAuthError);
    expect(error.message).toMatch(/clock/);
    expect(seen).toBe(2);
  });
});
