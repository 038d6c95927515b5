/** Made-up trades for the `activity` option: a seeded market, sides, size and price. */

import type { MarketInfo } from './dataset-types.js';
import { type Rng, chance, pick, randInt } from './prng.js';
import type { FakeTradeInput } from './trade-input.js';

/** A plausible trade in one of `markets` (which must not be empty), with a direction Kalshi can send (yes+bid or no+ask). */
export function randomTrade(rng: Rng, markets: readonly MarketInfo[]): FakeTradeInput {
  const market = pick(rng, markets);
  const cents = randInt(rng, 2, 98);
  const yes = chance(rng, 0.55);
  return {
    ticker: market.ticker,
    outcome_side: yes ? 'yes' : 'no',
    book_side: yes ? 'bid' : 'ask',
    count_fp: `${randInt(rng, 1, 25)}.00`,
    price_dollars: `0.${String(cents).padStart(2, '0')}00`,
    is_taker: chance(rng, 0.6),
  };
}
