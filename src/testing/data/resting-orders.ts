/**
 * Seeded resting orders and their value. Each market position's `resting_orders_count` stands for
 * that many resting orders of its subaccount in its market: their sizes and prices are drawn here
 * from the dataset's stream (orders.ts adds the rest of each order from its own stream), and
 * GET /portfolio/summary/total_resting_order_value is the sum over the resting orders.
 */

import { EXCHANGE_INDEXES } from './account-layout.js';
import type { MarketPositionEntry } from './dataset-types.js';
import { randomCount } from './generation.js';
import { restingValue } from './order-rows.js';
import { type Rng, randInt } from './prng.js';
import { truncatedCents, wireDollars } from './wire-money.js';
import type { GetPortfolioRestingOrderTotalValueResponse, Order } from './wire-types.js';

/** One resting order as the dataset's stream draws it. */
export interface RestingDraw {
  subaccount: number;
  ticker: string;
  exchangeIndex: number;
  /** Hundredths of a contract on the book. */
  count: number;
  /** Cents one contract commits (the price of the side the order would add). */
  committedCents: number;
}

/** `resting_orders_count` orders per position, in the positions' served order. */
export function drawRestingOrders(rng: Rng, positions: readonly MarketPositionEntry[]): RestingDraw[] {
  const draws: RestingDraw[] = [];
  for (const e of positions) {
    for (let k = 0; k < e.position.resting_orders_count; k++) {
      const count = randomCount(rng, 50);
      const committedCents = randInt(rng, 2, 98);
      draws.push({ subaccount: e.subaccount, ticker: e.position.ticker, exchangeIndex: e.position.exchange_index, count, committedCents });
    }
  }
  return draws;
}

/** Account-wide value of the resting orders among `orders`, per shard (the dataset's shards first). */
export function restingOrderValue(orders: readonly Order[]): GetPortfolioRestingOrderTotalValueResponse {
  const byIndex = new Map<number, bigint>(EXCHANGE_INDEXES.map((i) => [i, 0n]));
  for (const o of orders) {
    if (o.status !== 'resting') continue;
    byIndex.set(o.exchange_index, (byIndex.get(o.exchange_index) ?? 0n) + restingValue(o));
  }
  const total = [...byIndex.values()].reduce((a, b) => a + b, 0n);
  return {
    total_resting_order_value: truncatedCents(total),
    resting_order_value_breakdown: [...byIndex].map(([exchange_index, micros]) => ({ exchange_index, balance: wireDollars(micros, 2) })),
  };
}
