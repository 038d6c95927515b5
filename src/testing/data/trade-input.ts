/** What `fake.trade()` takes, and its checks: a known open market, a direction, a count and a YES price. */

import { directionOf } from '../../direction.js';
import type { MarketInfo } from './dataset-types.js';
import { MICROS_PER_CENTI_CENT, MICROS_PER_DOLLAR, parseCount, parseDollars } from './wire-money.js';

/**
 * One trade of the fake account (subaccount 0), as `fake.trade()` takes it. Its direction is
 * Kalshi's one bit: `outcome_side` `yes` ≡ `book_side` `bid` (the account ends up longer YES: it
 * bought YES or sold NO), `no` ≡ `ask` (longer NO: bought NO or sold YES). Give either field or
 * both; both must agree, as Kalshi never pairs `yes` with `ask` or `no` with `bid`.
 */
export interface FakeTradeInput {
  /** A market in `fake.data.markets` that is open at the moment of the trade. */
  ticker: string;
  outcome_side?: 'yes' | 'no';
  /** The same bit as `outcome_side`: `bid` = `yes`, `ask` = `no` (not buy/sell). */
  book_side?: 'bid' | 'ask';
  /**
   * What the user clicked, for the deprecated `side`/`action` of the fill and order (Kalshi's
   * table: buy+yes or sell+no is a `yes` trade, buy+no or sell+yes a `no` one). Default: `sell`
   * when the trade reduces what subaccount 0 holds in the market, else `buy`.
   */
  action?: 'buy' | 'sell';
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
  direction: 'yes' | 'no';
  action: 'buy' | 'sell' | undefined;
  /** Hundredths of a contract, more than zero. */
  count: bigint;
  /** Micro-dollars, a whole number of centi-cents in (0, $1). */
  yesPrice: bigint;
  isTaker: boolean;
}

const refuse = (message: string) => new RangeError(`fake.trade: ${message}`);

/** Checks a trade against the markets; `atUs` is the moment it would happen (epoch microseconds). */
export function checkTrade(input: FakeTradeInput, markets: ReadonlyMap<string, MarketInfo>, atUs: number): TradeOrder {
  if (typeof input !== 'object' || input === null) throw refuse('expected { ticker, outcome_side or book_side, count_fp, price_dollars }');
  const market = markets.get(input.ticker);
  if (!market) throw refuse(`unknown market ${JSON.stringify(input.ticker)}: trade in one of fake.data.markets`);
  const atS = atUs / 1_000_000;
  if (!(market.open_ts <= atS && atS < market.close_ts)) {
    throw refuse(`market ${market.ticker} is not open now (it trades from ${iso(market.open_ts)} to ${iso(market.close_ts)}, and the fake's clock says ${iso(atS)})`);
  }
  const direction = directionOfTrade(input);
  if (input.action !== undefined && input.action !== 'buy' && input.action !== 'sell') throw refuse(`action must be "buy" or "sell", got ${JSON.stringify(input.action)}`);
  if (input.is_taker !== undefined && typeof input.is_taker !== 'boolean') throw refuse(`is_taker must be a boolean, got ${JSON.stringify(input.is_taker)}`);

  const count = exact(() => parseCount(input.count_fp), 'count_fp', input.count_fp);
  if (count <= 0n) throw refuse(`count_fp must be more than zero, got ${JSON.stringify(input.count_fp)}`);
  const yesPrice = exact(() => parseDollars(input.price_dollars), 'price_dollars', input.price_dollars);
  if (!(yesPrice > 0n && yesPrice < MICROS_PER_DOLLAR) || yesPrice % MICROS_PER_CENTI_CENT !== 0n) {
    throw refuse(`price_dollars must be above 0 and below 1 with at most four decimals, got ${JSON.stringify(input.price_dollars)}`);
  }
  return { market, direction, action: input.action, count, yesPrice, isTaker: input.is_taker ?? true };
}

/** The trade's direction by the package's own rule (src/direction.ts), refused as a RangeError like every other check here. */
function directionOfTrade(input: FakeTradeInput): 'yes' | 'no' {
  try {
    return directionOf(input);
  } catch (error) {
    throw refuse(`${(error as Error).message} (to sell YES, trade outcome_side "no")`);
  }
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
