/** The seeded value of resting orders: one random order behind each resting order a position counts. */

import { EXCHANGE_INDEXES } from './account-layout.js';
import type { MarketPositionEntry } from './dataset-types.js';
import { randomCount } from './generation.js';
import { type Rng, randInt } from './prng.js';
import { contractsCost, truncatedCents, wireDollars } from './wire-money.js';
import type { GetPortfolioRestingOrderTotalValueResponse } from './wire-types.js';

/** Account-wide value of resting orders per shard, from the positions' resting order counts. */
export function makeRestingOrderValue(rng: Rng, positions: readonly MarketPositionEntry[]): GetPortfolioRestingOrderTotalValueResponse {
  const byIndex = new Map<number, bigint>(EXCHANGE_INDEXES.map((i) => [i, 0n]));
  for (const e of positions) {
    for (let k = 0; k < e.position.resting_orders_count; k++) {
      const value = contractsCost(randomCount(rng, 50), randInt(rng, 2, 98));
      byIndex.set(e.position.exchange_index, (byIndex.get(e.position.exchange_index) ?? 0n) + value);
    }
  }
  const total = [...byIndex.values()].reduce((a, b) => a + b, 0n);
  return {
    total_resting_order_value: truncatedCents(total),
    resting_order_value_breakdown: [...byIndex].map(([exchange_index, micros]) => ({ exchange_index, balance: wireDollars(micros, 2) })),
  };
}
