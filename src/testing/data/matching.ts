/**
 * The fake's matching engine for v2 order writes: one book per market (order-book.ts), the
 * account's orders on it, and what every change does to the REST views. A fill of the account
 * goes through the same recorder as `fake.trade()` (trading.ts's `FillRecorder`): it becomes a REST
 * fill (newest first in `data.fills`), moves the market position of the order's subaccount by
 * book.ts's rule (a bid is a `yes` fill, an ask a `no` one: FIFO lots, netted against what is held
 * when the subaccount nets) and its cash (the price paid times the count, plus the fee, less $1 per
 * YES+NO pair netted away), so the cash identity (cash-identity.ts) holds. The order's REST row is
 * rewritten in place, so GET /portfolio/orders, /fills, /positions and /balance agree at once.
 * Every write is stamped by the fake's runtime clock, the one `fake.trade()` uses, so fills of
 * both kinds are in one strict time order.
 *
 * Rules the engine keeps (the refusal codes are the fake's, modelled on Kalshi's):
 * - prices on the market's grid and counts on its contract step (market-structure.ts: cents or
 *   tenths of a cent, whole or hundredths of a contract; `invalid_price`, `invalid_order_size`);
 *   a known open market (`market_not_found`, `market_closed`);
 * - a `client_order_id` is taken once (409 `duplicate_client_order_id`), seeded orders' ids too;
 * - `post_only` refuses an order that would cross (`post_only_cross`); `reduce_only` needs
 *   `immediate_or_cancel` and is cut to the position it can shrink;
 * - time in force: good-till-cancelled rests (until `expiration_time`, on the data's clock),
 *   immediate-or-cancel drops what did not fill, fill-or-kill fills whole or not at all;
 * - self-trade prevention: `taker_at_cross` stops the incoming order at the account's own resting
 *   order, `maker` cancels that resting order and goes on;
 * - fees: 7% taker and 1.75% maker of C × P × (1 − P), rounded up to $0.0001 per fill (fees.ts);
 * - cash: an order whose worst cost (count at its limit, taker fee) exceeds the subaccount's cash
 *   is refused (`available_balance_too_low`); a fill the cash cannot pay for stops the order there;
 * - amend: a new price or a larger size goes to the back of the queue, a smaller size or a new
 *   expiry keeps the order's place; decrease keeps it; a remaining count of zero cancels;
 * - order groups: contracts matched by a group's orders over a rolling 15 s are counted; reaching
 *   the limit (or a trigger) cancels the group's orders and refuses new ones until a reset.
 */

import { type Direction, directionOf } from '../../direction.js';
import type { Account } from './account.js';
import type { FakeDataset, MarketInfo, OrderGroupEntry } from './dataset-types.js';
import { TAKER_FEE_RATE, tradingFee } from './fees.js';
import { type BookSide, type OrderBook, type RestingOrder, createOrderBook } from './order-book.js';
import { type Clicked, orderRow } from './order-rows.js';
import { insertSorted, orderOrder } from './ordering.js';
import { countStepOf, describeGrid, marketStructureOf, priceFits } from './market-structure.js';
import { type Rng, seededUuid, subRng } from './prng.js';
import type { RuntimeClock } from './runtime-clock.js';
import { parseTime } from './time.js';
import type { StreamOrder, StreamOrderGroupUpdate } from './stream-wire-types.js';
import { type TradeMessages, streamOrderOf, tradeMessages } from './trade-messages.js';
import type { AccountFill, ExecutedTrade, FillRecorder } from './trading.js';
import { MICROS_PER_DOLLAR, parseCount, parseDollars, wireCount, wireDollars } from './wire-money.js';
import type { Fill, Order } from './wire-types.js';

/** A refusal of an order write; the route answers it with `status` in the nested shape. */
export class OrderWriteError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'OrderWriteError';
  }
}

export type TimeInForce = 'fill_or_kill' | 'good_till_canceled' | 'immediate_or_cancel';
export type SelfTradePrevention = 'taker_at_cross' | 'maker';

/** A checked create request, in exact units. */
export interface NewOrder {
  ticker: string;
  clientOrderId: string | undefined;
  side: BookSide;
  /** Hundredths of a contract. */
  count: bigint;
  /** YES price, micro-dollars. */
  price: bigint;
  timeInForce: TimeInForce;
  selfTradePrevention: SelfTradePrevention;
  postOnly: boolean;
  reduceOnly: boolean;
  cancelOnPause: boolean;
  /** Unix seconds, on the data's clock. */
  expirationS: number | undefined;
  subaccount: number;
  orderGroupId: string | undefined;
}

/** What a create or amend did at once. */
export interface Execution {
  orderId: string;
  clientOrderId: string;
  /** Hundredths of a contract filled by this request, and left resting after it. */
  filled: bigint;
  remaining: bigint;
  /** Count-weighted averages over this request's fills, micro-dollars (undefined when none). */
  averagePrice: bigint | undefined;
  averageFee: bigint | undefined;
  tsMs: number;
}

export interface AmendInput {
  ticker: string;
  side: BookSide;
  price: bigint;
  /** New total: filled plus wanted remaining, hundredths. */
  count: bigint;
  clientOrderId: string | undefined;
  updatedClientOrderId: string | undefined;
  /** Unix seconds; 0 removes the expiry; undefined keeps it. */
  expirationS: number | undefined;
}

/** What the engine works with: the fake's fill recorder, cash, clock, and where its fills go on the stream. */
export interface EngineParts {
  fills: FillRecorder;
  account: Pick<Account, 'cash'>;
  clock: RuntimeClock;
  publish(messages: TradeMessages): void;
  /** Any other change of an order (resting, cancelled, amended, decreased, expired, executed): its `user_order` message. */
  publishOrder(ticker: string, order: StreamOrder): void;
  /** Runs `run` after `delayMs` of wall time (the runtime clock follows it): how resting orders expire on time. */
  later(delayMs: number, run: () => void): void;
  /** An order group was created, triggered (by a write or by reaching its limit), reset, deleted or given a new limit. */
  publishGroupUpdate(update: StreamOrderGroupUpdate): void;
}

export interface MatchingEngine {
  create(order: NewOrder): Execution;
  cancel(orderId: string, subaccount: number): { orderId: string; clientOrderId: string; reducedBy: bigint; tsMs: number };
  cancelAll(subaccount: number | undefined): number;
  amend(orderId: string, subaccount: number, input: AmendInput): Execution;
  decrease(orderId: string, subaccount: number, change: { by: bigint } | { to: bigint }): { orderId: string; clientOrderId: string; remaining: bigint; tsMs: number };
  createGroup(subaccount: number, exchangeIndex: number, limit: bigint): string;
  deleteGroup(groupId: string, subaccount: number): void;
  resetGroup(groupId: string, subaccount: number): void;
  triggerGroup(groupId: string, subaccount: number): void;
  limitGroup(groupId: string, subaccount: number, limit: bigint): void;
}

/** The window over which an order group counts matched contracts. */
export const GROUP_WINDOW_MS = 15_000;

interface LiveOrder {
  id: string;
  clientOrderId: string;
  market: MarketInfo;
  side: BookSide;
  price: bigint;
  initial: bigint;
  remaining: bigint;
  fills: Fill[];
  status: Order['status'];
  createdUs: number;
  lastUpdateUs: number;
  expirationUs: number | null;
  selfTradePrevention: SelfTradePrevention;
  groupId: string | null;
  subaccount: number;
  cancelOnPause: boolean;
  resting: RestingOrder | undefined;
  row: Order;
  /** What the stream last said about the order (see {@link visibleState}); undefined before the first message. */
  told: string | undefined;
}

/** What a `user_order` message tells of an order: a change here is a change the stream must carry. */
const visibleState = (row: Order) =>
  [row.status, row.yes_price_dollars, row.initial_count_fp, row.fill_count_fp, row.remaining_count_fp, row.client_order_id, row.expiration_time ?? ''].join('|');

interface GroupState {
  entry: OrderGroupEntry;
  matched: Array<{ atMs: number; count: bigint }>;
  triggered: boolean;
}

// The routes see the dataset, not the server: the server gives each dataset its engine.
const engines = new WeakMap<FakeDataset, MatchingEngine>();

/** Gives the fake serving `data` its engine; each fill goes on the stream as a `fill`, a `market_position` and a `user_order` message. */
export function attachMatchingEngine(data: FakeDataset, parts: EngineParts): void {
  engines.set(data, createMatchingEngine(data, parts));
}

/** The engine of the fake serving `data`. */
export function matchingEngineFor(data: FakeDataset): MatchingEngine {
  const engine = engines.get(data);
  if (!engine) throw new Error('this dataset has no matching engine: startFakeKalshi attaches one');
  return engine;
}

function createMatchingEngine(data: FakeDataset, parts: EngineParts): MatchingEngine {
  const ids: Rng = subRng(data.seed, 'order-writes');
  const markets = new Map(data.markets.map((m) => [m.ticker, m]));
  const books = new Map<string, OrderBook>();
  const orders = new Map<string, LiveOrder>();
  const clientIds = new Set(data.orders.map((o) => o.client_order_id));
  const groups = new Map<string, GroupState>();
  const now = () => parts.clock.nextUs();
  const bookOf = (ticker: string) => {
    let book = books.get(ticker);
    if (!book) books.set(ticker, (book = createOrderBook()));
    return book;
  };
  const refuse = (code: string, message: string, details?: string) => new OrderWriteError(400, code, message, details);
  // The seeded resting orders are the account's too: they rest on the books, and cancels and amends reach them.
  // Their fills, grouped in one pass (one scan of every fill per resting order took seconds at 200,000 fills).
  const seededFills = new Map<string, typeof data.fills>();
  for (const fill of data.fills) {
    const list = seededFills.get(fill.order_id);
    if (list) list.push(fill);
    else seededFills.set(fill.order_id, [fill]);
  }
  for (const row of data.orders) {
    const market = markets.get(row.ticker);
    if (row.status !== 'resting' || !market) continue;
    const order: LiveOrder = {
      id: row.order_id,
      clientOrderId: row.client_order_id,
      market,
      side: row.book_side,
      price: parseDollars(row.yes_price_dollars),
      initial: parseCount(row.initial_count_fp),
      remaining: parseCount(row.remaining_count_fp),
      fills: seededFills.get(row.order_id) ?? [],
      status: 'resting',
      createdUs: parseTime(row.created_time),
      lastUpdateUs: parseTime(row.last_update_time ?? row.created_time),
      expirationUs: row.expiration_time ? parseTime(row.expiration_time) : null,
      selfTradePrevention: row.self_trade_prevention_type ?? 'taker_at_cross',
      groupId: row.order_group_id ?? null,
      subaccount: row.subaccount_number,
      cancelOnPause: row.cancel_order_on_pause ?? false,
      resting: undefined,
      row,
      told: visibleState(row),
    };
    order.resting = bookOf(market.ticker).rest({ orderId: order.id, side: order.side, price: order.price, remaining: order.remaining });
    orders.set(order.id, order);
    expireOnTime(order);
  }


  function groupOf(groupId: string, subaccount: number | undefined): GroupState {
    let state = groups.get(groupId);
    if (!state) {
      const entry = data.orderGroups.find((e) => e.group.id === groupId);
      if (entry) groups.set(groupId, (state = { entry, matched: [], triggered: false }));
    }
    if (!state || (subaccount !== undefined && state.entry.subaccount !== subaccount)) {
      throw new OrderWriteError(404, 'not_found', 'order group not found', `no order group ${groupId}`);
    }
    return state;
  }

  /** Hundredths of a contract held: + YES, − NO. */
  const heldIn = (subaccount: number, ticker: string) => {
    const entry = data.marketPositions.find((e) => e.subaccount === subaccount && e.position.ticker === ticker);
    return entry ? parseCount(entry.position.position_fp) : 0n;
  };

  /**
   * Rewrites the order's REST row; with `tell`, a change the stream has not carried yet goes out as a
   * `user_order` (a fill tells it with its own messages instead).
   */
  function refreshRow(order: LiveOrder, tell = true): void {
    const row = orderRow({
      orderId: order.id,
      userId: data.userId,
      clientOrderId: order.clientOrderId,
      ticker: order.market.ticker,
      exchangeIndex: order.market.exchange_index,
      subaccount: order.subaccount,
      outcomeSide: directionOfOrder(order),
      bookSide: order.side,
      legacy: clickedOf(order),
      type: 'limit',
      status: order.status,
      yesPrice: order.price,
      fills: order.fills,
      remaining: order.status === 'resting' ? order.remaining : 0n,
      initial: order.initial,
      createdUs: order.createdUs,
      lastUpdateUs: order.lastUpdateUs,
      expirationUs: order.expirationUs,
      selfTradePrevention: order.selfTradePrevention,
      orderGroupId: order.groupId,
      cancelOnPause: order.cancelOnPause,
    });
    // The same object sits in data.orders and the live view, so every view shows the change.
    Object.assign(order.row, row);
    if (!tell) return;
    const state = visibleState(order.row);
    if (state === order.told) return;
    order.told = state;
    parts.publishOrder(order.market.ticker, streamOrderOf(order.row, data.userId));
  }

  /** Cancels the order when its expiration_time comes, on the runtime clock (which follows wall time). */
  function expireOnTime(order: LiveOrder): void {
    if (order.expirationUs === null) return;
    const delayMs = Math.max(0, Math.ceil((order.expirationUs - parts.clock.peekUs()) / 1000));
    // Timers cannot wait longer than about 24 days; an order due later is looked at again then.
    parts.later(Math.min(delayMs, 2_000_000_000), () => {
      expire(parts.clock.peekUs());
      if (order.status === 'resting') expireOnTime(order);
    });
  }

  /** A fill of `order` (the taker) as the recorder takes it. */
  const accountFill = (order: LiveOrder, count: bigint, yesPrice: bigint): AccountFill => ({
    subaccount: order.subaccount, market: order.market, direction: directionOfOrder(order), count, yesPrice, isTaker: true,
  });

  /** Whether the order's subaccount can pay for the fill (fee included, pairs netted away paid back). */
  const affordable = (thisFill: AccountFill) =>
    parts.account.cash(thisFill.subaccount, thisFill.market.exchange_index) + parts.fills.preview(thisFill).cash >= 0n;

  /**
   * Records a fill of `order`, whose counts already say it, as `fake.trade()` records its fills:
   * REST fill, position and cash; then the order row, the group count and the stream. Each fill
   * has an instant of its own on the runtime clock, so every replay of the fills in time order
   * meets them in the order they were made. Returns the fee.
   */
  function fill(order: LiveOrder, thisFill: AccountFill): bigint {
    const atUs = now();
    order.lastUpdateUs = atUs;
    const fillId = seededUuid(ids);
    const recorded = parts.fills.record(thisFill, { fillId, orderId: order.id, clicked: clickedOf(order), atUs });
    order.fills.push(recorded.fill);
    if (order.groupId) countForGroup(order.groupId, thisFill.count, atUs);
    refreshRow(order, false);
    const { market, direction, count, yesPrice, isTaker } = thisFill;
    const trade: ExecutedTrade = {
      order: { market, direction, action: 'buy', count, yesPrice, isTaker },
      restOrder: { ...order.row }, clientOrderId: order.clientOrderId, atUs, ...recorded,
    };
    parts.publish(tradeMessages(trade, data.userId));
    order.told = visibleState(trade.restOrder);
    return parseDollars(recorded.fill.fee_cost);
  }

  function countForGroup(groupId: string, count: bigint, atUs: number): void {
    const state = groups.get(groupId) ?? groupOf(groupId, undefined);
    const atMs = Math.floor(atUs / 1000);
    state.matched.push({ atMs, count });
    const limit = limitOf(state);
    if (limit !== undefined && windowed(state, atMs) >= limit) triggerState(state, atUs);
  }

  const limitOf = (state: GroupState) => (state.entry.group.contracts_limit_fp ? parseCount(state.entry.group.contracts_limit_fp) : undefined);
  function windowed(state: GroupState, atMs: number): bigint {
    state.matched = state.matched.filter((m) => m.atMs > atMs - GROUP_WINDOW_MS);
    return state.matched.reduce((sum, m) => sum + m.count, 0n);
  }
  function triggerState(state: GroupState, atUs: number): void {
    state.triggered = true;
    cancelGroupOrders(state, atUs);
    groupEvent('triggered', state.entry.group.id, atUs);
  }
  function groupEvent(eventType: StreamOrderGroupUpdate['event_type'], groupId: string, atUs: number, limitFp?: string): void {
    parts.publishGroupUpdate({ event_type: eventType, order_group_id: groupId, ts_ms: Math.floor(atUs / 1000), ...(limitFp ? { contracts_limit_fp: limitFp } : {}) });
  }
  function cancelGroupOrders(state: GroupState, atUs: number): void {
    for (const order of orders.values()) {
      if (order.groupId === state.entry.group.id && order.status === 'resting') finish(order, 'canceled', atUs);
    }
  }

  /** Takes an order off the book as canceled or executed. */
  function finish(order: LiveOrder, status: 'canceled' | 'executed', atUs: number): void {
    if (order.resting) bookOf(order.market.ticker).remove(order.resting);
    order.resting = undefined;
    order.status = status;
    if (status === 'canceled') order.remaining = 0n;
    touch(order, atUs);
    refreshRow(order);
  }

  /** Marks a change of the order at `atUs`: never before its fills, which come later in the request. */
  function touch(order: LiveOrder, atUs: number): void {
    if (atUs > order.lastUpdateUs) order.lastUpdateUs = atUs;
  }

  function expire(atUs: number): void {
    for (const order of orders.values()) {
      if (order.status === 'resting' && order.expirationUs !== null && order.expirationUs <= atUs) finish(order, 'canceled', order.expirationUs);
    }
  }

  /** What `side` at `limit` could take from the book without trading with the account itself. */
  function available(order: LiveOrder): bigint {
    let sum = 0n;
    for (const resting of bookOf(order.market.ticker).crossing(order.side, order.price)) {
      if (resting.orderId !== undefined && order.selfTradePrevention === 'taker_at_cross') break;
      if (resting.orderId === undefined) sum += resting.remaining;
    }
    return sum;
  }

  /** Crosses `order` (the taker) with the book; returns this request's fills' count, value and fees. */
  function match(order: LiveOrder, atUs: number): { count: bigint; value: bigint; fees: bigint } {
    const book = bookOf(order.market.ticker);
    const done = { count: 0n, value: 0n, fees: 0n };
    for (const resting of book.crossing(order.side, order.price)) {
      if (order.remaining === 0n || order.status !== 'resting') break;
      if (resting.orderId !== undefined) {
        const own = orders.get(resting.orderId)!;
        if (order.selfTradePrevention === 'taker_at_cross') {
          order.remaining = 0n;
          break;
        }
        finish(own, 'canceled', atUs);
        continue;
      }
      const count = order.remaining < resting.remaining ? order.remaining : resting.remaining;
      const thisFill = accountFill(order, count, resting.price);
      if (!affordable(thisFill)) {
        // The cash cannot pay for the next fill: the order stops here, as at its own resting order.
        order.remaining = 0n;
        break;
      }
      order.remaining -= count;
      resting.remaining -= count;
      if (resting.remaining === 0n) book.remove(resting);
      const fee = fill(order, thisFill);
      done.count += count;
      done.value += count * resting.price;
      done.fees += fee;
    }
    return done;
  }

  function execution(order: LiveOrder, done: { count: bigint; value: bigint; fees: bigint }, atUs: number): Execution {
    return {
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      filled: done.count,
      remaining: order.status === 'resting' ? order.remaining : 0n,
      averagePrice: done.count > 0n ? roundToCentiCent(done.value / done.count) : undefined,
      averageFee: done.count > 0n ? roundToCentiCent((done.fees * 100n) / done.count) : undefined,
      tsMs: Math.floor(atUs / 1000),
    };
  }

  /** Rests what is left of a good-till-cancelled order, or ends the order. */
  function settle(order: LiveOrder, timeInForce: TimeInForce, atUs: number): void {
    if (order.status !== 'resting') return;
    if (order.remaining > 0n && timeInForce === 'good_till_canceled') {
      order.resting ??= bookOf(order.market.ticker).rest({ orderId: order.id, side: order.side, price: order.price, remaining: order.remaining });
      order.resting.remaining = order.remaining;
      touch(order, atUs);
      refreshRow(order);
      return;
    }
    finish(order, order.remaining === 0n && order.fills.length > 0 && sumFills(order) === order.initial ? 'executed' : 'canceled', atUs);
  }

  const sumFills = (order: LiveOrder) => order.fills.reduce((sum, f) => sum + parseCount(f.count_fp), 0n);

  /** Refuses a price off the market's grid or a count off its contract step (market-structure.ts), as Kalshi does. */
  function checkPriceAndCount(market: MarketInfo, price: bigint, count: bigint, field: string): void {
    const structure = marketStructureOf(market.ticker);
    if (!priceFits(structure, price)) {
      throw refuse('invalid_price', 'price is not one of the market\'s price levels', `${market.ticker} (${structure.priceLevelStructure}) takes ${describeGrid(structure, (m) => wireDollars(m, 4))}, got ${wireDollars(price, 4)}`);
    }
    checkCount(market, count, field, count <= 0n);
  }

  function checkCount(market: MarketInfo, count: bigint, field: string, refused: boolean): void {
    const step = countStepOf(marketStructureOf(market.ticker));
    if (refused || count % step !== 0n) {
      const unit = step === 1n ? 'hundredths of a contract' : 'whole contracts';
      throw refuse('invalid_order_size', 'invalid order size', `${field} must be a positive number of ${unit} in ${market.ticker}, got ${wireCount(count)}`);
    }
  }

  function owned(orderId: string, subaccount: number): LiveOrder {
    const order = orders.get(orderId);
    if (!order || order.subaccount !== subaccount) throw new OrderWriteError(404, 'not_found', 'order not found', `no order ${orderId}`);
    return order;
  }
  function resting(orderId: string, subaccount: number): LiveOrder {
    const order = owned(orderId, subaccount);
    if (order.status !== 'resting') throw new OrderWriteError(404, 'not_found', 'order not found', `order ${orderId} is ${order.status}, not resting`);
    return order;
  }

  return {
    create(input) {
      const atUs = now();
      expire(atUs);
      const market = markets.get(input.ticker);
      if (!market) throw new OrderWriteError(404, 'market_not_found', 'market not found', `no market ${input.ticker}`);
      const atS = atUs / 1_000_000;
      if (!(market.open_ts <= atS && atS < market.close_ts)) throw refuse('market_closed', 'market is not open', `${market.ticker} does not trade now`);
      checkPriceAndCount(market, input.price, input.count, 'count');
      if (input.reduceOnly && input.timeInForce !== 'immediate_or_cancel') {
        throw refuse('invalid_parameters', 'reduce_only needs immediate_or_cancel', 'reduce_only orders must use time_in_force immediate_or_cancel');
      }
      if (input.expirationS !== undefined && input.timeInForce === 'immediate_or_cancel') {
        throw refuse('invalid_parameters', 'expiration_time cannot be combined with immediate_or_cancel');
      }
      if (input.expirationS !== undefined && input.expirationS * 1_000_000 <= atUs) {
        throw refuse('invalid_parameters', 'expiration_time is in the past', `expiration_time ${input.expirationS} is not after ${Math.floor(atS)}`);
      }
      const group = input.orderGroupId === undefined ? undefined : groupOf(input.orderGroupId, input.subaccount);
      if (group?.triggered) throw refuse('order_group_triggered', 'order group is triggered', `order group ${input.orderGroupId} takes no orders until it is reset`);
      if (input.clientOrderId !== undefined && clientIds.has(input.clientOrderId)) {
        throw new OrderWriteError(409, 'duplicate_client_order_id', 'duplicate client order id', `an order with client_order_id ${input.clientOrderId} already exists`);
      }
      let count = input.count;
      if (input.reduceOnly) {
        // A bid shrinks NO held, an ask YES held; the count is cut to what is held.
        const held = heldIn(input.subaccount, market.ticker);
        const reducible = input.side === 'bid' ? (held < 0n ? -held : 0n) : held > 0n ? held : 0n;
        count = count < reducible ? count : reducible;
        if (count === 0n) throw refuse('reduce_only_no_position', 'nothing to reduce', `no ${input.side === 'bid' ? 'NO' : 'YES'} position in ${market.ticker} to reduce`);
      }
      const sidePrice = input.side === 'bid' ? input.price : MICROS_PER_DOLLAR - input.price;
      const worst = (count * sidePrice) / 100n + tradingFee(Number(count), input.price, TAKER_FEE_RATE);
      const cash = parts.account.cash(input.subaccount, market.exchange_index);
      if (!input.reduceOnly && cash < worst) {
        throw refuse('available_balance_too_low', 'available balance too low', `the order may cost ${wireDollars(worst, 4)}, the balance is ${wireDollars(cash, 4)}`);
      }
      const order: LiveOrder = {
        id: seededUuid(ids),
        clientOrderId: input.clientOrderId ?? seededUuid(ids),
        market,
        side: input.side,
        price: input.price,
        initial: count,
        remaining: count,
        fills: [],
        status: 'resting',
        createdUs: atUs,
        lastUpdateUs: atUs,
        expirationUs: input.expirationS === undefined ? null : input.expirationS * 1_000_000,
        selfTradePrevention: input.selfTradePrevention,
        groupId: input.orderGroupId ?? null,
        subaccount: input.subaccount,
        cancelOnPause: input.cancelOnPause,
        resting: undefined,
        row: {} as Order,
        told: undefined,
      };
      const crosses = bookOf(market.ticker).crossing(order.side, order.price).length > 0;
      if (input.postOnly && crosses) throw refuse('post_only_cross', 'post-only order would cross', `a ${order.side} at ${wireDollars(order.price, 4)} would trade at once`);
      clientIds.add(order.clientOrderId);
      orders.set(order.id, order);
      // Told once the request has done its work: resting, executed, or cancelled (its fills tell themselves).
      refreshRow(order, false);
      insertSorted(data.orders, order.row, orderOrder);
      insertSorted(data.liveOrders, order.row, orderOrder);
      if (input.timeInForce === 'fill_or_kill' && available(order) < order.remaining) {
        finish(order, 'canceled', atUs);
        return execution(order, { count: 0n, value: 0n, fees: 0n }, atUs);
      }
      const done = match(order, atUs);
      settle(order, input.timeInForce, atUs);
      if (order.status === 'resting') expireOnTime(order);
      return execution(order, done, atUs);
    },

    cancel(orderId, subaccount) {
      const atUs = now();
      expire(atUs);
      const order = resting(orderId, subaccount);
      const reducedBy = order.remaining;
      finish(order, 'canceled', atUs);
      return { orderId: order.id, clientOrderId: order.clientOrderId, reducedBy, tsMs: Math.floor(atUs / 1000) };
    },

    cancelAll(subaccount) {
      const atUs = now();
      expire(atUs);
      let cancelled = 0;
      for (const order of orders.values()) {
        if (order.status === 'resting' && (subaccount === undefined || order.subaccount === subaccount)) {
          finish(order, 'canceled', atUs);
          cancelled++;
        }
      }
      return cancelled;
    },

    amend(orderId, subaccount, input) {
      const atUs = now();
      expire(atUs);
      const order = resting(orderId, subaccount);
      if (input.ticker !== order.market.ticker) throw refuse('order_ticker_mismatch', 'ticker does not match the order', `order ${orderId} is in ${order.market.ticker}`);
      if (input.side !== order.side) throw refuse('order_side_mismatch', 'side does not match the order', `order ${orderId} is a ${order.side}`);
      if (input.clientOrderId !== undefined && input.clientOrderId !== order.clientOrderId) {
        throw refuse('order_id_and_client_order_id_mismatch', 'client_order_id does not match the order');
      }
      checkPriceAndCount(order.market, input.price, input.count, 'count');
      const filled = sumFills(order);
      if (input.count <= filled) throw refuse('invalid_order_size', 'invalid order size', `count must be more than the ${wireCount(filled)} already filled`);
      if (input.updatedClientOrderId !== undefined && input.updatedClientOrderId !== order.clientOrderId) {
        if (clientIds.has(input.updatedClientOrderId)) throw new OrderWriteError(409, 'duplicate_client_order_id', 'duplicate client order id');
        clientIds.add(input.updatedClientOrderId);
        order.clientOrderId = input.updatedClientOrderId;
      }
      if (input.expirationS !== undefined) order.expirationUs = input.expirationS === 0 ? null : input.expirationS * 1_000_000;
      if (input.expirationS) expireOnTime(order);
      const newRemaining = input.count - filled;
      const losesPriority = input.price !== order.price || newRemaining > order.remaining;
      order.price = input.price;
      order.initial = input.count;
      order.remaining = newRemaining;
      const onBook = order.resting!;
      // Taken off the book while it crosses, so it cannot match itself.
      bookOf(order.market.ticker).remove(onBook);
      order.resting = undefined;
      const done = match(order, atUs);
      if (order.status === 'resting' && order.remaining > 0n) {
        const back = bookOf(order.market.ticker).rest({ orderId: order.id, side: order.side, price: order.price, remaining: order.remaining });
        // Back in at its old place in time when it kept its priority.
        if (!losesPriority) back.sequence = onBook.sequence;
        order.resting = back;
      }
      touch(order, atUs);
      if (order.status === 'resting' && order.remaining === 0n) finish(order, 'executed', atUs);
      else refreshRow(order);
      return execution(order, done, atUs);
    },

    decrease(orderId, subaccount, change) {
      const atUs = now();
      expire(atUs);
      const order = resting(orderId, subaccount);
      const target = 'by' in change ? order.remaining - change.by : change.to;
      const amount = 'by' in change ? change.by : change.to;
      checkCount(order.market, amount, 'by' in change ? 'reduce_by' : 'reduce_to', amount < 0n || ('by' in change && change.by === 0n));
      if (target < 0n || target > order.remaining) {
        throw refuse('invalid_order_size', 'invalid order size', `the order has ${wireCount(order.remaining)} resting`);
      }
      order.initial -= order.remaining - target;
      order.remaining = target;
      if (target === 0n) finish(order, 'canceled', atUs);
      else {
        order.resting!.remaining = target;
        order.lastUpdateUs = atUs;
        refreshRow(order);
      }
      return { orderId: order.id, clientOrderId: order.clientOrderId, remaining: target, tsMs: Math.floor(atUs / 1000) };
    },

    createGroup(subaccount, exchangeIndex, limit) {
      const id = seededUuid(ids);
      const entry: OrderGroupEntry = {
        subaccount,
        group: { id, contracts_limit_fp: wireCount(limit), is_auto_cancel_enabled: true, exchange_index: exchangeIndex },
      };
      data.orderGroups.push(entry);
      groups.set(id, { entry, matched: [], triggered: false });
      groupEvent('created', id, now(), entry.group.contracts_limit_fp);
      return id;
    },

    deleteGroup(groupId, subaccount) {
      const state = groupOf(groupId, subaccount);
      const atUs = now();
      cancelGroupOrders(state, atUs);
      groups.delete(groupId);
      data.orderGroups.splice(data.orderGroups.indexOf(state.entry), 1);
      groupEvent('deleted', groupId, atUs);
    },

    resetGroup(groupId, subaccount) {
      const state = groupOf(groupId, subaccount);
      state.matched = [];
      state.triggered = false;
      groupEvent('reset', groupId, now());
    },

    triggerGroup(groupId, subaccount) {
      triggerState(groupOf(groupId, subaccount), now());
    },

    limitGroup(groupId, subaccount, limit) {
      const state = groupOf(groupId, subaccount);
      state.entry.group.contracts_limit_fp = wireCount(limit);
      const atUs = now();
      groupEvent('limit_updated', groupId, atUs, state.entry.group.contracts_limit_fp);
      if (windowed(state, Math.floor(atUs / 1000)) >= limit) triggerState(state, atUs);
    },
  };
}

/** Averages are sent with four decimals: rounded half up to $0.0001. */
function roundToCentiCent(micros: bigint): bigint {
  return ((micros + 50n) / 100n) * 100n;
}

/** A bid is a `yes` order, an ask a `no` one. */
const directionOfOrder = (order: { side: BookSide }): Direction => directionOf({ book_side: order.side });

/** The deprecated literals of a v2 order and its fills: a bid buys YES, an ask buys NO (v2 has no "sell"). */
const clickedOf = (order: { side: BookSide }): Clicked => ({ side: directionOfOrder(order), action: 'buy' });
