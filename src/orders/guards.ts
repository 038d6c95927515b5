/**
 * Guard rails checked before any byte of an order leaves: the price must be one of the market's
 * price levels, the count a multiple of its contract step, and the order within the caller's
 * limits. Amounts are exact (bigint micro-dollars, hundredths of a contract; src/money.ts).
 */

import { KalshiInputError } from '../errors.js';
import { MICROS_PER_DOLLAR, formatCount, formatDollars, parseCount, parseDollars } from '../money.js';
import { KalshiOrderGuardError } from './errors.js';

/** One band of a market's prices: every price from `start` to `end` in steps of `step` (dollar strings). */
export interface PriceBand {
  start: string;
  end: string;
  step: string;
}

/** What a market accepts, as Kalshi's public market data describes it. */
export interface MarketRules {
  /** The price levels, in YES dollars. Default: $0.01 to $0.99 by $0.01. */
  priceBands: readonly PriceBand[];
  /** The smallest count step, in contracts as a fixed-point string. Default `"1.00"` (whole contracts). */
  countStep: string;
  /**
   * Where the market is in its lifecycle (`active`, `closed`, …), when known: orders are sent only
   * to an `active` market. Absent: not checked.
   */
  status?: string;
}

/** Kalshi's usual market: cent prices from $0.01 to $0.99, whole contracts. */
export const CENT_MARKET: MarketRules = { priceBands: [{ start: '0.01', end: '0.99', step: '0.01' }], countStep: '1.00' };

/** The caller's limits; each is checked per order before it is sent. */
export interface OrderGuards {
  /** Most contracts one order may ask for, e.g. `"100"`. */
  maxContracts?: string | number;
  /** Most one order may cost at its limit price, fees included (see {@link orderCostMicros}), e.g. `"25.00"`. */
  maxCostDollars?: string;
  /**
   * Most all orders placed through this desk may cost together, counted at each order's limit price
   * with fees when it is sent (cancels do not give it back: a conservative running total).
   */
  maxClientCostDollars?: string;
}

/** Taker fee rate 7/100: the most a fill can be charged (fees are rounded up to $0.0001). */
const TAKER_NUMERATOR = 7n;
const TAKER_DENOMINATOR = 100n;
const CENTI_CENT = 100n;

/** An order's direction on Kalshi's single book: `bid` = YES direction, `ask` = NO direction. */
export type BookSide = 'bid' | 'ask';

/** A count given as a fixed-point string or a number of contracts, as hundredths. */
export function countOf(value: string | number, field: string): bigint {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string' || !/^\d+(\.\d{1,2})?$/.test(text)) {
    throw new KalshiOrderGuardError('count', `${field} must be a positive number of contracts with at most two decimals (e.g. "10" or "2.50"), got ${JSON.stringify(value)}`);
  }
  return parseCount(text.includes('.') ? text : `${text}.00`);
}

/** A YES price in dollars (`"0.56"`), as micro-dollars, strictly between $0 and $1. */
export function priceOf(value: string, field: string): bigint {
  if (typeof value !== 'string' || !/^(\d+(\.\d{1,4})?|\.\d{1,4})$/.test(value)) {
    throw new KalshiOrderGuardError('price', `${field} must be a YES price in dollars with at most four decimals (e.g. "0.56"), got ${JSON.stringify(value)}`);
  }
  const micros = parseDollars(value.startsWith('.') ? `0${value}` : value);
  if (micros <= 0n || micros >= MICROS_PER_DOLLAR) throw new KalshiOrderGuardError('price', `${field} must be above $0 and below $1, got ${value}`);
  return micros;
}

/** The price of the side an order buys: the YES price for a bid, one minus it for an ask. */
export const sidePrice = (side: BookSide, yesPrice: bigint) => (side === 'bid' ? yesPrice : MICROS_PER_DOLLAR - yesPrice);

/**
 * The most an order can cost: its count at the price of the side it buys, plus the most it can pay
 * in fees (the taker rate on C × P × (1 − P), rounded up to $0.0001). Micro-dollars.
 */
export function orderCostMicros(side: BookSide, yesPrice: bigint, count: bigint): bigint {
  const contracts = (count * sidePrice(side, yesPrice)) / 100n;
  const feeNumerator = TAKER_NUMERATOR * count * yesPrice * (MICROS_PER_DOLLAR - yesPrice);
  const feeDenominator = TAKER_DENOMINATOR * 100n * MICROS_PER_DOLLAR * CENTI_CENT;
  const fee = ((feeNumerator + feeDenominator - 1n) / feeDenominator) * CENTI_CENT;
  return contracts + fee;
}

/** Refuses an order to a market that is not open, a price that is not one of its levels, or a count off its step. */
export function checkMarketFit(rules: MarketRules, yesPrice: bigint, count: bigint, ticker: string): void {
  if (rules.status !== undefined && rules.status !== 'active') {
    throw new KalshiOrderGuardError('marketStatus', `${ticker} is ${rules.status}, not open for trading: Kalshi takes orders only while a market is active`);
  }
  const fits = rules.priceBands.some((band) => {
    const start = parseDollars(band.start);
    const end = parseDollars(band.end);
    const step = parseDollars(band.step);
    return yesPrice >= start && yesPrice <= end && step > 0n && (yesPrice - start) % step === 0n;
  });
  if (!fits) {
    const bands = rules.priceBands.map((b) => `${b.start}–${b.end} by ${b.step}`).join(', ');
    throw new KalshiOrderGuardError('price', `price ${formatDollars(yesPrice, { decimals: 4 })} is not one of ${ticker}'s price levels (${bands})`);
  }
  checkCountStep(rules, count, ticker, 'count');
}

/** Refuses a count that is not a positive multiple of the market's contract step. */
export function checkCountStep(rules: MarketRules, count: bigint, ticker: string, field: string): void {
  const step = parseCount(rules.countStep);
  if (count <= 0n || step <= 0n || count % step !== 0n) {
    const whole = step === 100n ? ' (whole contracts: the market does not take fractions)' : '';
    throw new KalshiOrderGuardError('count', `${field} ${formatCount(count)} does not fit ${ticker}'s contract step of ${rules.countStep}${whole}`);
  }
}

/** The caller's limits, parsed once when the desk is made (a bad limit is a config mistake, caught early). */
export interface ResolvedGuards {
  maxContracts: bigint | undefined;
  maxCost: bigint | undefined;
  maxClientCost: bigint | undefined;
}

export function resolveGuards(guards: OrderGuards | undefined): ResolvedGuards {
  const dollars = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    try {
      const micros = parseDollars(value);
      if (micros < 0n) throw new Error('negative');
      return micros;
    } catch {
      throw new KalshiInputError(`guards.${name} must be a dollar amount such as "25.00", got ${JSON.stringify(value)}`);
    }
  };
  return {
    maxContracts: guards?.maxContracts === undefined ? undefined : countOf(guards.maxContracts, 'guards.maxContracts'),
    maxCost: dollars(guards?.maxCostDollars, 'maxCostDollars'),
    maxClientCost: dollars(guards?.maxClientCostDollars, 'maxClientCostDollars'),
  };
}

/** Refuses an order over the caller's limits; `spent` is what this desk has committed so far. */
export function checkLimits(guards: ResolvedGuards, count: bigint, cost: bigint, spent: bigint): void {
  if (guards.maxContracts !== undefined && count > guards.maxContracts) {
    throw new KalshiOrderGuardError('maxContracts', `count ${formatCount(count)} is over maxContracts ${formatCount(guards.maxContracts)}`);
  }
  if (guards.maxCost !== undefined && cost > guards.maxCost) {
    throw new KalshiOrderGuardError('maxCostDollars', `the order may cost $${formatDollars(cost, { decimals: 4 })} (contracts at the limit price plus the most fees), over maxCostDollars $${formatDollars(guards.maxCost, { decimals: 2 })}`);
  }
  if (guards.maxClientCost !== undefined && spent + cost > guards.maxClientCost) {
    throw new KalshiOrderGuardError(
      'maxClientCostDollars',
      `the order may cost $${formatDollars(cost, { decimals: 4 })}; with the $${formatDollars(spent, { decimals: 4 })} already committed by this client that is over maxClientCostDollars $${formatDollars(guards.maxClientCost, { decimals: 2 })}`,
    );
  }
}

/**
 * The order for what a person clicks, in Kalshi's terms: buying YES at p is a bid at p; selling
 * YES at p and buying NO at 1 − p are both an ask at p (the price is always the YES price).
 */
export function kalshiSide(action: 'buy' | 'sell', outcome: 'yes' | 'no', priceDollars: string): { side: BookSide; price: string } {
  if ((action !== 'buy' && action !== 'sell') || (outcome !== 'yes' && outcome !== 'no')) {
    throw new KalshiOrderGuardError('side', `action must be "buy" or "sell" and outcome "yes" or "no", got ${JSON.stringify(action)} ${JSON.stringify(outcome)}`);
  }
  const price = priceOf(priceDollars, 'price');
  const addsYes = (action === 'buy') === (outcome === 'yes');
  const yesPrice = outcome === 'yes' ? price : MICROS_PER_DOLLAR - price;
  return { side: addsYes ? 'bid' : 'ask', price: formatDollars(yesPrice, { decimals: 4 }) };
}
