/**
 * An order as the REST views serve it, built from its fills: what the seeded orders and the
 * orders of runtime trades share. Counts and money come from the fills in exact integers, so an
 * order's `fill_count_fp` is the sum of its fills' `count_fp`, and its fill costs and fees the sums
 * of theirs (taker and maker apart).
 */

import { formatTime } from './time.js';
import { MICROS_PER_DOLLAR, parseCount, parseDollars, wireCount, wireDollars } from './wire-money.js';
import type { Fill, Order, OrderStatus } from './wire-types.js';

/** What the user clicked, in the deprecated `side`/`action` words. */
export interface Clicked {
  side: 'yes' | 'no';
  action: 'buy' | 'sell';
}

export interface OrderParts {
  orderId: string;
  userId: string;
  clientOrderId: string;
  ticker: string;
  exchangeIndex: number;
  subaccount: number;
  outcomeSide: 'yes' | 'no';
  bookSide: 'bid' | 'ask';
  /** The deprecated literal of what was clicked (Kalshi's four-row table), or undefined to leave it out. */
  legacy: Clicked | undefined;
  type: 'limit' | 'market';
  status: OrderStatus;
  /** The order's YES price, micro-dollars. */
  yesPrice: bigint;
  /** Its fills (any order); none for an order that never traded. */
  fills: readonly Fill[];
  /** Hundredths of a contract still on the book (0 unless resting). */
  remaining: bigint;
  /** Hundredths of a contract asked for; at least what filled plus what remains. */
  initial: bigint;
  /** Epoch microseconds. */
  createdUs: number;
  lastUpdateUs: number;
  expirationUs: number | null;
  selfTradePrevention: Order['self_trade_prevention_type'];
  orderGroupId: string | null;
  cancelOnPause: boolean;
}

/**
 * Parsing and formatting money is most of an order's cost (a dataset of 100 000 fills has some
 * 70 000 orders), and prices, counts and zeros repeat: each distinct one is done once.
 */
function memo<K, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = fn(key)));
    return value;
  };
}
const wirePrice = memo((micros: bigint) => wireDollars(micros, 4));
const countText = memo((hundredths: bigint) => wireCount(hundredths));
const countOf = memo(parseCount);
const dollarsOf = memo(parseDollars);
const ZERO_COST = wireDollars(0n, 4);
const ZERO_FEE = wireDollars(0n, 6);
const cost4 = (micros: bigint) => (micros === 0n ? ZERO_COST : wireDollars(micros, 4));
const fee6 = (micros: bigint) => (micros === 0n ? ZERO_FEE : wireDollars(micros, 6));

/** What a fill's contracts cost: the count times the price of the outcome side traded. */
export function fillCost(fill: Fill): bigint {
  const price = dollarsOf(fill.outcome_side === 'yes' ? fill.yes_price_dollars : fill.no_price_dollars);
  // Prices are whole centi-cents (or half cents), so hundredths of a contract times them divide evenly.
  return (countOf(fill.count_fp) * price) / 100n;
}


export function orderRow(p: OrderParts): Order {
  let filled = 0n;
  const cost = { taker: 0n, maker: 0n };
  const fees = { taker: 0n, maker: 0n };
  for (const f of p.fills) {
    filled += countOf(f.count_fp);
    const role = f.is_taker ? 'taker' : 'maker';
    cost[role] += fillCost(f);
    fees[role] += f.fee_cost === ZERO_FEE ? 0n : parseDollars(f.fee_cost);
  }
  if (p.initial < filled + p.remaining) throw new RangeError(`order ${p.orderId}: initial count below filled plus remaining`);
  const created = formatTime(p.createdUs, 6);
  return {
    order_id: p.orderId,
    user_id: p.userId,
    client_order_id: p.clientOrderId,
    ticker: p.ticker,
    ...p.legacy,
    outcome_side: p.outcomeSide,
    book_side: p.bookSide,
    type: p.type,
    status: p.status,
    yes_price_dollars: wirePrice(p.yesPrice),
    no_price_dollars: wirePrice(MICROS_PER_DOLLAR - p.yesPrice),
    fill_count_fp: countText(filled),
    remaining_count_fp: countText(p.remaining),
    initial_count_fp: countText(p.initial),
    taker_fill_cost_dollars: cost4(cost.taker),
    maker_fill_cost_dollars: cost4(cost.maker),
    taker_fees_dollars: fee6(fees.taker),
    maker_fees_dollars: fee6(fees.maker),
    expiration_time: p.expirationUs === null ? null : formatTime(p.expirationUs, 0),
    created_time: created,
    last_update_time: p.lastUpdateUs === p.createdUs ? created : formatTime(p.lastUpdateUs, 6),
    self_trade_prevention_type: p.selfTradePrevention,
    order_group_id: p.orderGroupId,
    cancel_order_on_pause: p.cancelOnPause,
    subaccount_number: p.subaccount,
    exchange_index: p.exchangeIndex,
  };
}

/**
 * The price one contract of a resting order commits: that of its direction (a `yes` order adds
 * YES contracts at the YES price, a `no` order NO contracts at the NO price).
 */
export function committedPrice(order: Order): bigint {
  return parseDollars(order.outcome_side === 'yes' ? order.yes_price_dollars : order.no_price_dollars);
}

/** The value of a resting order: its remaining contracts at the price each commits. */
export function restingValue(order: Order): bigint {
  return (parseCount(order.remaining_count_fp) * committedPrice(order)) / 100n;
}
