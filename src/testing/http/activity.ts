/**
 * The `activity` option: the account trades by itself, `fillsPerSecond` on average, on seeded
 * random markets open at the time, until stopped. Each trade goes the way of `fake.trade()`.
 */

import type { FakeTradeInput } from '../data/trade-input.js';
import type { MarketInfo } from '../data/dataset-types.js';
import { subRng } from '../data/prng.js';
import { randomTrade } from '../data/random-trade.js';

export interface Activity {
  stop(): void;
}

export function startActivity(
  seed: number,
  fillsPerSecond: number,
  openMarkets: () => MarketInfo[],
  trade: (input: FakeTradeInput) => void,
): Activity {
  const rng = subRng(seed, 'activity');
  const timer = setInterval(() => {
    const markets = openMarkets();
    // With nothing open (a long-running demo can outlive every market), there is nothing to trade.
    if (markets.length === 0) return;
    try {
      trade(randomTrade(rng, markets));
    } catch (error) {
      // A market that closed between the pick and the trade: skip this beat, never crash the host.
      if (!(error instanceof RangeError)) throw error;
    }
  }, 1000 / fillsPerSecond);
  return { stop: () => clearInterval(timer) };
}
