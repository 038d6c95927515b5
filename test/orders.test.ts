/**
 * The portfolio's orders through the client, against the fake's consistent account: the new read
 * operations are callable with typed input and output, the iterators page through everything,
 * and allOrders gives every order exactly once, also while the historical cutoff moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiApiError, type KalshiClient } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { collect, rejection } from './support/async.js';

let fake: FakeKalshi;
let client: KalshiClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 23, fills: 300 });
  client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    validateResponses: true, // every answer below is also checked against the spec
  });
});
afterAll(() => fake.close());

const ids = (orders: { order_id: string }[]) => orders.map((o) => o.order_id);

describe('the order views', () => {
  it('orders() pages through every live order; historicalOrders() through the archive', async () => {
    expect(ids(await collect(client.orders({ limit: 17 })))).toEqual(ids(fake.data.liveOrders));
    expect(ids(await collect(client.historicalOrders({ limit: 17 })))).toEqual(ids(fake.data.historicalOrders));
    expect(fake.data.historicalOrders.length).toBeGreaterThan(0);
  });

  it('getOrder, queue positions and order groups answer for what the list holds', async () => {
    const resting = (await collect(client.orders({ status: 'resting' })))[0]!;
    expect(resting.status).toBe('resting');
    const { order } = await client.getOrder({ order_id: resting.order_id });
    expect(order).toEqual(resting);
    const { queue_position_fp } = await client.getOrderQueuePosition({ order_id: resting.order_id });
    expect(typeof queue_position_fp).toBe('string');
    // Without `subaccount` the list is the primary's (0); ask for the order's own.
    const { queue_positions } = await client.getOrderQueuePositions({ market_tickers: resting.ticker, subaccount: resting.subaccount_number ?? 0 });
    expect(queue_positions.map((q) => q.order_id)).toContain(resting.order_id);
    const groups = (await client.getOrderGroups()).order_groups ?? [];
    expect(groups.length).toBeGreaterThan(0);
    const group = await client.getOrderGroup({ order_group_id: groups[0]!.id });
    const members = fake.data.orders.filter((o) => o.order_group_id === groups[0]!.id).map((o) => o.order_id);
    expect([...group.orders].sort()).toEqual(members.sort());
  });

  it('an unknown order is the server\'s 404', async () => {
    const error = await rejection(client.getOrder({ order_id: 'no-such-order' }));
    expect(error).toBeInstanceOf(KalshiApiError);
    expect((error as KalshiApiError).status).toBe(404);
  });

  it('the account\'s limits and the public user-data timestamp', async () => {
    const limits = await client.getAccountApiLimits();
    expect(limits.read.refill_rate).toBeGreaterThan(0);
    expect(limits.write.bucket_capacity).toBeGreaterThan(0);
    const before = fake.requests.length;
    const { as_of_time } = await client.getUserDataTimestamp();
    expect(Number.isNaN(Date.parse(as_of_time))).toBe(false);
    expect(fake.requests.at(-1)!.signature).toBeUndefined(); // public: sent unsigned
    expect(fake.requests.length).toBe(before + 1);
  });
});

describe('allOrders: the complete order history', () => {
  it('yields the live orders, then the archived ones, each once', async () => {
    const all = ids(await collect(client.allOrders({ limit: 40 })));
    expect(all).toEqual([...ids(fake.data.liveOrders), ...ids(fake.data.historicalOrders)]);
    expect(new Set(all).size).toBe(fake.data.orders.length);
  });

  it('each order exactly once while the cutoff moves forward mid-iteration', async () => {
    const original = fake.data.cutoff!;
    const seen: string[] = [];
    try {
      for await (const order of client.allOrders({ limit: 25 })) {
        seen.push(order.order_id);
        // After the first page, archive a further 30 days under the iterator's feet.
        if (seen.length === 25) fake.setHistoricalCutoff(original + 30 * 86_400_000);
      }
    } finally {
      fake.setHistoricalCutoff(original);
    }
    expect(seen.length).toBe(fake.data.orders.length);
    expect(new Set(seen)).toEqual(new Set(ids(fake.data.orders)));
  });

  it('honours a ticker filter on both sides', async () => {
    const ticker = fake.data.historicalOrders[0]!.ticker;
    const expected = fake.data.orders.filter((o) => o.ticker === ticker);
    const got = await collect(client.allOrders({ ticker }));
    expect(new Set(ids(got))).toEqual(new Set(ids(expected)));
    expect(got).toHaveLength(expected.length);
  });
});
