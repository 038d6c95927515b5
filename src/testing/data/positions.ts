/** Seeded market positions: open ones, settled ones (some old enough to be archived), and resting-order-only ones. */

import type { CatalogEvent, CatalogMarket } from './catalog.js';
import type { MarketPositionEntry } from './dataset-types.js';
import { feeOnVolume } from './fees.js';
import { type GenContext, pickSubaccount, randomCount } from './generation.js';
import { type Rng, chance, pick, randInt, weighted } from './prng.js';
import { DAY_US, SECOND_US, formatTime, unixSeconds } from './time.js';
import { MICROS_PER_CENT, MICROS_PER_CENTI_CENT, contractsCost, wireCount, wireDollars } from './wire-money.js';
import type { MarketPosition } from './wire-types.js';

type PositionKind = 'open' | 'settled' | 'resting';

/** `total` positions, at most one per (subaccount, market), in the order made (the dataset sorts them). */
export function makePositions(ctx: GenContext, total: number): MarketPositionEntry[] {
  const { rng, catalog, nowUs } = ctx;
  const isOpen = (e: CatalogEvent) => e.openUs < nowUs && e.closeUs > nowUs;
  // Settled positions reach back about five months, so some fall before the historical cutoff.
  const isSettled = (e: CatalogEvent) => e.settleUs <= nowUs && e.settleUs >= nowUs - 150 * DAY_US;
  const held = new Set<string>();
  const eventsBySub = new Map<number, CatalogEvent[]>();
  const entries: MarketPositionEntry[] = [];

  while (entries.length < total) {
    const subaccount = pickSubaccount(rng);
    const mine = eventsBySub.get(subaccount) ?? [];
    const free = (e: CatalogEvent) => e.markets.filter((m) => !held.has(`${subaccount}/${m.ticker}`));
    let event: CatalogEvent | undefined;
    // Often a second market of an event already held, so events group several markets.
    if (chance(rng, 0.45)) {
      const candidates = mine.filter((e) => free(e).length > 0);
      if (candidates.length > 0) event = pick(rng, candidates);
    }
    let kind: PositionKind;
    if (event) {
      kind = isOpen(event) ? (chance(rng, 0.8) ? 'open' : 'resting') : 'settled';
    } else {
      kind = weighted(rng, [['open', 65], ['settled', 20], ['resting', 15]] as const);
      event = kind === 'settled'
        ? catalog.randomEvent(rng, nowUs - 155 * DAY_US, nowUs, isSettled)
        : catalog.randomEvent(rng, nowUs - 95 * DAY_US, nowUs + 30 * DAY_US, isOpen);
      if (!mine.includes(event)) eventsBySub.set(subaccount, [...mine, event]);
    }
    const options = free(event);
    if (options.length === 0) continue;
    const market = pick(rng, options);
    held.add(`${subaccount}/${market.ticker}`);
    ctx.used.set(market.ticker, market);
    entries.push({
      subaccount,
      event_ticker: event.eventTicker,
      event_close_ts: unixSeconds(event.closeUs),
      settled: market.settleUs <= nowUs,
      position: makePosition(rng, market, kind, nowUs),
    });
  }
  return entries;
}

/** Fees of 0 to 1.7% of the traded volume. */
function volumeFees(rng: Rng, tradedMicros: bigint): bigint {
  return feeOnVolume(tradedMicros, { numerator: BigInt(randInt(rng, 0, 17)), denominator: 1_000n });
}

function makePosition(rng: Rng, market: CatalogMarket, kind: PositionKind, nowUs: number): MarketPosition {
  let position = 0;
  let exposure = 0n;
  let traded = 0n;
  let pnl = 0n;
  let fees = 0n;
  let resting = 0;
  let updatedUs: number;
  if (kind === 'open') {
    const contracts = randomCount(rng, 150);
    position = chance(rng, 0.55) ? contracts : -contracts;
    exposure = contractsCost(contracts, randInt(rng, 3, 97));
    // Traded at least what is held, plus up to as many cents again.
    traded = exposure + BigInt(randInt(rng, 0, Number(exposure / MICROS_PER_CENT))) * MICROS_PER_CENT;
    pnl = chance(rng, 0.5) ? 0n : BigInt(randInt(rng, -3_000, 3_000)) * MICROS_PER_CENTI_CENT;
    fees = volumeFees(rng, traded);
    resting = weighted(rng, [[0, 60], [1, 20], [2, 12], [3, 8]] as const);
    updatedUs = Math.max(market.openUs, nowUs - randInt(rng, 60, 10 * 86_400) * SECOND_US - randInt(rng, 0, 999) * 1_000);
  } else if (kind === 'settled') {
    traded = BigInt(randInt(rng, 100, 50_000)) * MICROS_PER_CENT;
    pnl = BigInt(randInt(rng, -20_000, 20_000)) * MICROS_PER_CENT;
    fees = volumeFees(rng, traded);
    updatedUs = market.settleUs;
  } else {
    resting = randInt(rng, 1, 3);
    updatedUs = Math.max(market.openUs, nowUs - randInt(rng, 60, 3 * 86_400) * SECOND_US - randInt(rng, 0, 999) * 1_000);
  }
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    total_traded_dollars: wireDollars(traded, 4),
    position_fp: wireCount(position),
    market_exposure_dollars: wireDollars(exposure, 2),
    realized_pnl_dollars: wireDollars(pnl, 4),
    fees_paid_dollars: wireDollars(fees, 6),
    last_updated_ts: formatTime(updatedUs, 3),
    resting_orders_count: resting,
  };
}
