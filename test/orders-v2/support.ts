/** Shared set-up of the order-write tests: a fake, a desk on it, and an open market to trade in. */
import type { MarketInfo } from '../../src/testing/data/dataset-types.js';
import { createOrderDesk, type KalshiClientOptions, type OrderDesk, type OrderDeskOptions } from '../../src/index.js';
import type { FakeKalshi } from '../../src/testing/index.js';

/**
 * A market of the fake that is open now, stays open for the test's length, and where the seed gave
 * subaccount 0 no position (so what a test trades there is all that is held). Call
 * `desk.cancelAll()` first when seeded resting orders must not meet the test's orders.
 */
const seededHoldings = new WeakMap<FakeKalshi, Set<string>>();

export function openMarket(fake: FakeKalshi, skip = 0, flat = true): MarketInfo {
  const nowS = fake.data.now / 1000;
  // What the seed held, remembered at the first call: the tests' own trades do not move a market between the lists.
  let held = seededHoldings.get(fake);
  if (!held) seededHoldings.set(fake, (held = new Set(fake.data.marketPositions.filter((p) => p.subaccount === 0).map((p) => p.position.ticker))));
  // flat = false: the open markets where subaccount 0 does hold something, for tests that do not look at positions.
  const open = fake.data.markets.filter((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts && held!.has(m.ticker) !== flat);
  if (open.length <= skip) throw new Error(`the fake has only ${open.length} open markets ${flat ? 'without' : 'with'} a position; the test needs ${skip + 1}`);
  return open[skip]!;
}

export function deskOn(fake: FakeKalshi, options: OrderDeskOptions & Pick<KalshiClientOptions, 'retry'> = {}): Promise<OrderDesk> {
  return createOrderDesk({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    validateResponses: true,
    ...options,
    exactlyOnce: { baseDelayMs: 1, maxDelayMs: 2, ...options.exactlyOnce },
  });
}

/** The requests the fake saw for the v2 order writes. */
export const orderWrites = (fake: FakeKalshi) => fake.requests.filter((r) => r.path.includes('/portfolio/events/orders'));
