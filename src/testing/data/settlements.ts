/** Seeded settlements: about half on markets the fills traded, the rest on older positions. */

import type { CatalogMarket } from './catalog.js';
import type { SettlementEntry } from './dataset-types.js';
import { settlementFee } from './fees.js';
import { type GenContext, pickSubaccount, randomCount } from './generation.js';
import { type Rng, chance, pick, randInt, weighted } from './prng.js';
import { formatTime } from './time.js';
import { MICROS_PER_CENTI_CENT, contractsCost, wireCount, wireDollars } from './wire-money.js';
import type { Fill, Settlement } from './wire-types.js';

/** `total` settlements, at most one per (subaccount, market), in the order made (the dataset sorts them). */
export function makeSettlements(ctx: GenContext, total: number, fills: readonly Fill[]): SettlementEntry[] {
  const { rng, catalog, nowUs, fromUs } = ctx;
  const settled = (m: { settleUs: number }) => m.settleUs <= nowUs && m.settleUs >= fromUs;
  const seen = new Set<string>();
  const entries: SettlementEntry[] = [];
  const add = (market: CatalogMarket, subaccount: number) => {
    const key = `${subaccount}/${market.ticker}`;
    if (seen.has(key) || entries.length >= total) return;
    seen.add(key);
    ctx.used.set(market.ticker, market);
    entries.push({ subaccount, settlement: makeSettlement(rng, market) });
  };
  // About half settle markets the account actually traded...
  for (const f of fills) {
    if (entries.length >= Math.floor(total / 2)) break;
    const market = catalog.market(f.ticker)!;
    if (settled(market) && chance(rng, 0.5)) add(market, f.subaccount_number);
  }
  // ...the rest are older positions whose fills are outside the generated ones.
  while (entries.length < total) {
    const ev = catalog.randomEvent(rng, fromUs, nowUs, settled);
    add(pick(rng, ev.markets), pickSubaccount(rng));
  }
  return entries;
}

function makeSettlement(rng: Rng, market: CatalogMarket): Settlement {
  const held = weighted(rng, [['yes', 45], ['no', 45], ['both', 10]] as const);
  const yes = held === 'no' ? 0 : randomCount(rng, 120);
  const no = held === 'yes' ? 0 : randomCount(rng, 120);
  const yesCost = contractsCost(yes, randInt(rng, 3, 97));
  const noCost = contractsCost(no, randInt(rng, 3, 97));
  // Up to 1.7 cents per contract, in centi-cents.
  const fee = chance(rng, 0.2) ? 0n : settlementFee(yes + no, BigInt(randInt(rng, 1, 170)) * MICROS_PER_CENTI_CENT);
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    event_ticker: market.eventTicker,
    market_result: market.result,
    yes_count_fp: wireCount(yes),
    yes_total_cost_dollars: wireDollars(yesCost, 2),
    no_count_fp: wireCount(no),
    no_total_cost_dollars: wireDollars(noCost, 2),
    revenue: settlementRevenue(yes, no, market.value),
    settled_time: formatTime(market.settleUs, 0),
    fee_cost: wireDollars(fee, 4),
    value: market.value,
  };
}

/** Whole cents paid out: YES contracts earn `value`, NO contracts `100 - value`; rounded down. */
function settlementRevenue(yesHundredths: number, noHundredths: number, valueCents: number): number {
  return Number((BigInt(yesHundredths) * BigInt(valueCents) + BigInt(noHundredths) * BigInt(100 - valueCents)) / 100n);
}
