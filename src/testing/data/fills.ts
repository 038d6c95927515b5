/** Seeded fills: orders filled in one to four pieces, over markets open during the history window. */

import { MAKER_FEE_RATE, TAKER_FEE_RATE, tradingFee } from './fees.js';
import { type GenContext, pickSubaccount, randomCount } from './generation.js';
import { chance, pick, randInt, seededUuid, weighted } from './prng.js';
import { SECOND_US, formatTime, unixSeconds } from './time.js';
import { MICROS_PER_CENT, MICROS_PER_DOLLAR, wireCount, wireDollars } from './wire-money.js';
import type { Fill } from './wire-types.js';

/** Half a cent: some markets trade at sub-penny prices. */
const SUBPENNY_MICROS = 5_000n;

/** `total` fills, in the order made (the dataset sorts them). */
export function makeFills(ctx: GenContext, total: number): Fill[] {
  const { rng, catalog, nowUs, fromUs } = ctx;
  const fills: Fill[] = [];
  while (fills.length < total) {
    const ev = catalog.randomEvent(rng, fromUs, nowUs, (e) => Math.max(e.openUs, fromUs) < Math.min(e.closeUs, nowUs));
    const market = pick(rng, ev.markets);
    ctx.used.set(market.ticker, market);
    const lo = Math.max(market.openUs, fromUs);
    const hi = Math.min(market.closeUs, nowUs);
    let t = lo + Math.floor(rng() * (hi - lo));
    const orderId = seededUuid(rng);
    const subaccount = pickSubaccount(rng);
    const side = chance(rng, 0.55) ? 'yes' : 'no';
    const action = chance(rng, 0.75) ? 'buy' : 'sell';
    const isTaker = chance(rng, 0.6);
    let cents = randInt(rng, 2, 98);
    const subpenny = chance(rng, 0.08) ? SUBPENNY_MICROS : 0n;
    const pieces = weighted(rng, [[1, 60], [2, 22], [3, 12], [4, 6]] as const);
    for (let k = 0; k < pieces && fills.length < total; k++) {
      if (k > 0) {
        // Later pieces fill within ten minutes, sometimes a cent away.
        t = Math.min(hi, t + randInt(rng, 0, 600) * SECOND_US + randInt(rng, 0, 999_999));
        if (chance(rng, 0.3)) cents = Math.min(98, Math.max(2, cents + (chance(rng, 0.5) ? 1 : -1)));
      }
      const yesMicros = BigInt(cents) * MICROS_PER_CENT + subpenny;
      const noMicros = MICROS_PER_DOLLAR - yesMicros;
      const count = randomCount(rng, 40);
      const paid = side === 'yes' ? yesMicros : noMicros;
      const fee = isTaker
        ? tradingFee(count, paid, TAKER_FEE_RATE)
        : chance(rng, 0.25) ? tradingFee(count, paid, MAKER_FEE_RATE) : 0n;
      const fillId = seededUuid(rng);
      fills.push({
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: market.ticker,
        market_ticker: market.ticker,
        exchange_index: market.exchangeIndex,
        side,
        action,
        outcome_side: side,
        book_side: action === 'buy' ? 'bid' : 'ask',
        count_fp: wireCount(count),
        yes_price_dollars: wireDollars(yesMicros, 4),
        no_price_dollars: wireDollars(noMicros, 4),
        is_taker: isTaker,
        created_time: formatTime(t, 6),
        fee_cost: wireDollars(fee, 6),
        subaccount_number: subaccount,
        ts: unixSeconds(t),
      });
    }
  }
  return fills;
}
