/** Shared set-up of the order-write tests: a fake, a desk on it, and an open market to trade in. */
import type { MarketInfo } from '../../src/testing/data/dataset-types.js';
import { createOrderDesk, type OrderDesk, type OrderDeskOptions } from '../../src/index.js';
import type { FakeKalshi } from '../../src/testing/index.js';

/** A market of the fake that is open now and stays open for the test's length. */
export function openMarket(fake: FakeKalshi, skip = 0): MarketInfo {
  const nowS = fake.data.now / 1000;
  const open = fake.data.markets.filter((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts);
  if (open.length <= skip) throw new Error('the fake has too few open markets for this test');
  return open[skip]!;
}

export function deskOn(fake: FakeKalshi, options: OrderDeskOptions = {}): Promise<OrderDesk> {
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
