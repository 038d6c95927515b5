/**
 * The price grid and contract step of each fake market, as Kalshi's market data describes them
 * (`price_level_structure`, `price_ranges`, `fractional_trading_enabled`). Most markets trade on
 * the cent grid in whole contracts; a share of them, picked by a hash of the ticker (so a ticker
 * always has the same structure whatever the seed or the order of requests), trade on tenths of a
 * cent at the tails or everywhere, or in hundredths of a contract. GET /markets/{ticker} serves
 * this and the matching engine refuses what does not fit it, as Kalshi does.
 */

import { MICROS_PER_DOLLAR } from './wire-money.js';

/** Kalshi's named price grids (Kalshi's docs on sub-penny pricing). */
export type PriceLevelStructure = 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';

/** One range of a grid, micro-dollars: every price from `start` to `end` on a multiple of `step`. */
export interface PriceRangeMicros {
  start: bigint;
  end: bigint;
  step: bigint;
}

export interface MarketStructure {
  priceLevelStructure: PriceLevelStructure;
  priceRanges: readonly PriceRangeMicros[];
  /** Whether counts may be fractions of a contract (steps of 0.01) rather than whole contracts. */
  fractional: boolean;
}

const CENT = MICROS_PER_DOLLAR / 100n;
const DECI_CENT = CENT / 10n;
const TEN_CENTS = 10n * CENT;

const GRIDS: Record<PriceLevelStructure, readonly PriceRangeMicros[]> = {
  linear_cent: [{ start: 0n, end: MICROS_PER_DOLLAR, step: CENT }],
  deci_cent: [{ start: 0n, end: MICROS_PER_DOLLAR, step: DECI_CENT }],
  tapered_deci_cent: [
    { start: 0n, end: TEN_CENTS, step: DECI_CENT },
    { start: TEN_CENTS, end: MICROS_PER_DOLLAR - TEN_CENTS, step: CENT },
    { start: MICROS_PER_DOLLAR - TEN_CENTS, end: MICROS_PER_DOLLAR, step: DECI_CENT },
  ],
};

/** FNV-1a over the ticker's UTF-16 units: cheap, stable, and spreads similar tickers apart. */
function tickerHash(ticker: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ticker.length; i++) {
    hash ^= ticker.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The structure of a market: half on cents, a quarter tapered, a quarter on tenths of a cent; a third fractional. */
export function marketStructureOf(ticker: string): MarketStructure {
  const hash = tickerHash(ticker);
  const grid = hash % 4;
  const priceLevelStructure: PriceLevelStructure = grid < 2 ? 'linear_cent' : grid === 2 ? 'tapered_deci_cent' : 'deci_cent';
  return { priceLevelStructure, priceRanges: GRIDS[priceLevelStructure], fractional: Math.floor(hash / 4) % 3 === 0 };
}

/** Whether a YES price (micro-dollars) is one of the market's levels; $0 and $1 never are. */
export function priceFits(structure: MarketStructure, price: bigint): boolean {
  if (price <= 0n || price >= MICROS_PER_DOLLAR) return false;
  return structure.priceRanges.some((r) => price >= r.start && price <= r.end && (price - r.start) % r.step === 0n);
}

/** The smallest count step, in hundredths of a contract. */
export const countStepOf = (structure: MarketStructure): bigint => (structure.fractional ? 1n : 100n);

/** The grid in words, for refusals: `0.0000–0.1000 by 0.0010, …`. */
export function describeGrid(structure: MarketStructure, format: (micros: bigint) => string): string {
  return structure.priceRanges.map((r) => `${format(r.start)}–${format(r.end)} by ${format(r.step)}`).join(', ');
}
