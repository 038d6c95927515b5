/** The full-size concurrency check of exactly-once.test.ts: 1,000 creates at once, with faults mixed in. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderDesk } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { deskOn, openMarket } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;
let ticker: string;

beforeAll(async () => {
  // One request in ten answered 429 or 5xx, one in twenty applied with its answer cut off.
  fake = await startFakeKalshi({ seed: 37, faults: { tooManyRequests: 0.05, serverErrors: 0.05, connectionResets: 0.05 } });
  desk = await deskOn(fake, { retry: { maxAttempts: 12, baseDelayMs: 1, maxDelayMs: 5 }, exactlyOnce: { maxAttempts: 12 } });
  ticker = openMarket(fake).ticker;
});
afterAll(() => fake.close());

const ordersWith = (clientOrderId: string) => fake.data.orders.filter((o) => o.client_order_id === clientOrderId);

it('1,000 concurrent creates with distinct ids make 1,000 orders, each exactly once, through faults', async () => {
  const before = fake.data.orders.length;
  const ids = Array.from({ length: 1000 }, () => crypto.randomUUID());
  const placed = await Promise.all(ids.map((clientOrderId, i) => desk.place({ ticker, side: i % 2 ? 'bid' : 'ask', price: i % 2 ? '0.10' : '0.90', count: 1, clientOrderId })));
  expect(new Set(placed.map((p) => p.orderId)).size).toBe(1000);
  expect(fake.data.orders.length).toBe(before + 1000);
  for (const clientOrderId of ids) expect(ordersWith(clientOrderId)).toHaveLength(1);
  expect(placed.some((p) => p.recovered)).toBe(true);
}, 120_000);
