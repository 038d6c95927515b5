/** What `fake.trade()` takes, and its checks: a known open market, sides, a count and a YES price. */

import type { MarketInfo } from './dataset-types.js';
import { MICROS_PER_CENTI_CENT, MICROS_PER_DOLLAR, parseCount, parseDollars } from './wire-money.js';

/** One trade of the fake account (subaccount 0), as `fake.trade()` takes it. */
export interface FakeTradeInput {
  /** A market in `fake.data.markets` that is open at the moment of the trade. */
  ticker: string;
  outcome_side: 'yes' | 'no';
  /** `bid` buys the outcome, `ask` sells it. */
  book_side: 'bid' | 'ask';
  /** Contracts, e.g. "3.00" (more than zero, at most two decimals). */
  count_fp: string;
  /** The YES price, e.g. "0.4200": above $0 and below $1, at most four decimals. */
  price_dollars: string;
  /** Whether the order took liquidity (default true): takers pay the taker fee, makers the maker fee. */
  is_taker?: boolean;
}

/** A checked trade, in exact units. */
export interface TradeOrder {
  market: MarketInfo;
  outcomeSide: 'yes' | 'no';
  bookSide: 'bid' | 'ask';
  /** Hundredths of a contract, more than zero. */
  count: bigint;
  /** Micro-dollars, a whole number of centi-cents in (0, $1). */
  yesPrice: bigint;
  isTaker: boolean;
}

const refuse = (message: string) => new RangeError(`fake.trade: ${message}`);

/** Checks a trade against the markets; `atUs` is the moment it would happen (epoch microseconds). */
export function checkTrade(input: FakeTradeInput, markets: ReadonlyMap<string, MarketInfo>, atUs: number): TradeOrder {
  if (typeof input !== 'object' || input === null) throw refuse('expected { ticker, outcome_side, book_side, count_fp, price_dollars }');
  const market = markets.get(input.ticker);
  if (!market) throw refuse(`unknown market ${JSON.stringify(input.ticker)}: trade in one of fake.data.markets`);
  const atS = atUs / 1_000_000;
  if (!(market.open_ts <= atS && atS < market.close_ts)) {
    throw refuse(`market ${market.ticker} is not open now (it trades from ${iso(market.open_ts)} to ${iso(market.close_ts)}, and the fake's clock says ${iso(atS)})`);
  }
  if (input.outcome_side !== 'yes' && input.outcome_side !== 'no') throw refuse(`outcome_side must be "yes" or "no", got ${JSON.stringify(input.outcome_side)}`);
  if (input.book_side !== 'bid' && input.book_side !== 'ask') throw refuse(`book_side must be "bid" or "ask", got ${JSON.stringify(input.book_side)}`);
  if (input.is_taker !== undefined && typeof input.is_taker !== 'boolean') throw refuse(`is_taker must be a boolean, got ${JSON.stringify(input.is_taker)}`);

  const count = exact(() => parseCount(input.count_fp), 'count_fp', input.count_fp);
  if (count <= 0n) throw refuse(`count_fp must be more than zero, got ${JSON.stringify(input.count_fp)}`);
  const yesPrice = exact(() => parseDollars(input.price_dollars), 'price_dollars', input.price_dollars);
  if (!(yesPrice > 0n && yesPrice < MICROS_PER_DOLLAR) || yesPrice % MICROS_PER_CENTI_CENT !== 0n) {
    throw refuse(`price_dollars must be above 0 and below 1 with at most four decimals, got ${JSON.stringify(input.price_dollars)}`);
  }
  return { market, outcomeSide: input.outcome_side, bookSide: input.book_side, count, yesPrice, isTaker: input.is_taker ?? true };
}

function exact(parse: () => bigint, field: string, value: unknown): bigint {
  if (typeof value !== 'string') throw refuse(`${field} must be a fixed-point string, got ${JSON.stringify(value)}`);
  try {
    return parse();
  } catch {
    throw refuse(`${field} is not a fixed-point number: ${JSON.stringify(value)}`);
  }
}

const iso = (unixSeconds: number) => new Date(Math.floor(unixSeconds * 1000)).toISOString();
