/**
 * Pagination loses nothing when the network and the server misbehave: with a tenth of requests
 * answered 429, one in twenty with a 5xx and one in fifty cut mid-response, the iterators still
 * yield every item exactly once, in order, and finish. Faults are drawn from the fake's seed, so
 * every run sees the same sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKalshiClient, type KalshiClient, type RetryEvent } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { collect } from './support/async.js';

let fake: FakeKalshi;
let client: KalshiClient;
const retries: RetryEvent[] = [];

beforeAll(async () => {
  fake = await startFakeKalshi({
    seed: 2026,
    fills: 5_000, // 50 pages at the default limit: enough for every kind of fault to hit several
    settlements: 1_500,
    marketPositions: 1_500,
    faults: { tooManyRequests: 0.1, serverErrors: 0.05, connectionResets: 0.02 },
    historicalCutoffDays: null, // every fill on the live endpoint
  });
  client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 20, maxAttempts: 10, onRetry: (event) => retries.push(event) },
  });
});
afterAll(() => fake.close());

/** What the fake did to the requests since `from`: how many were faulted, by kind. */
function faultsSince(from: number) {
  const seen = fake.requests.slice(from);
  return {
    requests: seen.length,
    tooMany: seen.filter((r) => r.outcome === 'too_many_requests').length,
    serverErrors: seen.filter((r) => r.outcome === 'server_error').length,
    resets: seen.filter((r) => r.outcome === 'connection_reset').length,
  };
}

describe('lossless pagination under faults', () => {
  it('client.fills() yields all 5,000 fills exactly once, in order', async () => {
    const from = fake.requests.length;
    const retriesBefore = retries.length;
    const fills = await collect(client.fills());
    expect(fills).toHaveLength(5_000);
    expect(new Set(fills.map((f) => f.fill_id)).size).toBe(5_000);
    expect(fills).toEqual(fake.data.fills);

    const faults = faultsSince(from);
    expect(faults.tooMany).toBeGreaterThan(0);
    expect(faults.serverErrors).toBeGreaterThan(0);
    expect(faults.resets).toBeGreaterThan(0);
    // Every faulted request was retried; nothing else was.
    expect(retries.length - retriesBefore).toBe(faults.tooMany + faults.serverErrors + faults.resets);
  });

  it('client.settlements() yields every settlement exactly once, in order', async () => {
    const settlements = await collect(client.settlements({ limit: 50 }));
    expect(settlements).toEqual(fake.data.settlements.map((e) => e.settlement));
  });

  it('client.marketPositions() and client.eventPositions() yield every position exactly once, in order', async () => {
    const from = fake.requests.length;
    const primary = (e: { subaccount: number }) => e.subaccount === 0;
    expect(await collect(client.marketPositions({ limit: 50 }))).toEqual(fake.data.marketPositions.filter(primary).map((e) => e.position));
    expect(await collect(client.eventPositions({ limit: 50 }))).toEqual(fake.data.eventPositions.filter(primary).map((e) => e.position));
    expect(faultsSince(from).tooMany).toBeGreaterThan(0);
  });

  it('filters survive retries: every page of a filtered export carries the filter', async () => {
    const from = fake.requests.length;
    const subaccount = 1;
    const fills = await collect(client.fills({ subaccount, limit: 200 }));
    expect(fills).toEqual(fake.data.fills.filter((f) => f.subaccount_number === subaccount));
    for (const request of fake.requests.slice(from)) expect(request.query.get('subaccount')).toBe('1');
  });
});
