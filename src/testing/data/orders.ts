/**
 * Seeded orders, queue positions and order groups, all from the seed's own "orders" stream (so
 * the fills, positions and everything else a seed made before orders existed stay as they were):
 *
 * - behind the fills: every fill's `order_id` is an order of the same subaccount, market and
 *   direction whose `fill_count_fp` is the sum of its fills' counts; most are `executed`, some
 *   `canceled` after filling in part (never resting: a resting order has no fills here);
 * - canceled orders that never traded, in markets the account traded;
 * - the resting orders whose sizes and prices resting-orders.ts drew, one per
 *   `resting_orders_count` of each market position, each with a queue position;
 * - order groups per (subaccount, shard), which some orders of that subaccount and shard join.
 */

import type { Catalog, CatalogMarket } from './catalog.js';
import type { OrderGroupEntry } from './dataset-types.js';
import { pickSubaccount, randomCount } from './generation.js';
import { type Clicked, type OrderParts, orderRow } from './order-rows.js';
import { type Rng, chance, pick, randInt, seededUuid, subRng, weighted } from './prng.js';
import type { RestingDraw } from './resting-orders.js';
import { DAY_US, HOUR_US, SECOND_US, parseTime } from './time.js';
import { MICROS_PER_CENT, MICROS_PER_DOLLAR, parseCount, parseDollars, wireCount } from './wire-money.js';
import type { Fill, Order, OrderGroup, OrderQueuePosition } from './wire-types.js';

export interface SeededOrders {
  /** Newest first (by creation). */
  orders: Order[];
  /** One per resting order, in the orders' order. */
  queuePositions: OrderQueuePosition[];
  orderGroups: OrderGroupEntry[];
}

export interface OrdersInput {
  seed: number;
  catalog: Catalog;
  /** The dataset's "now" and the start of its history window, epoch microseconds. */
  nowUs: number;
  fromUs: number;
  userId: string;
  fills: readonly Fill[];
  resting: readonly RestingDraw[];
}

type Draft = Omit<OrderParts, 'userId'>;

export function makeOrders(input: OrdersInput): SeededOrders {
  const rng = subRng(input.seed, 'orders');
  const drafts: Draft[] = [];
  const market = (ticker: string) => input.catalog.market(ticker)!;

  const byOrder = new Map<string, Fill[]>();
  for (const f of input.fills) {
    const own = byOrder.get(f.order_id);
    if (own) own.push(f);
    else byOrder.set(f.order_id, [f]);
  }
  for (const [orderId, own] of byOrder) drafts.push(filledOrder(rng, orderId, own, market(own[0]!.ticker), input.nowUs));

  const traded = [...new Set(input.fills.map((f) => f.ticker))];
  const unfilled = traded.length === 0 ? 0 : Math.round(byOrder.size / 6);
  for (let i = 0; i < unfilled; i++) {
    const draft = unfilledCanceledOrder(rng, market(pick(rng, traded)), input);
    if (draft) drafts.push(draft);
  }

  const queue = new Map<string, string>();
  for (const draw of input.resting) {
    const draft = restingOrder(rng, draw, market(draw.ticker), input.nowUs);
    queue.set(draft.orderId, wireCount(chance(rng, 0.15) ? 0 : randInt(rng, 1, 400) * 100));
    drafts.push(draft);
  }

  const orderGroups = makeGroups(rng, drafts);
  // The served order (ordering.ts: newest created first, ties by id), from the drafts' own instants.
  drafts.sort((a, b) => b.createdUs - a.createdUs || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  const orders = drafts.map((d) => orderRow({ ...d, userId: input.userId }));
  const queuePositions = orders
    .filter((o) => o.status === 'resting')
    .map((o) => ({ order_id: o.order_id, market_ticker: o.ticker, queue_position_fp: queue.get(o.order_id)! }));
  return { orders, queuePositions, orderGroups };
}

/**
 * What the user clicked for an order of `direction` that filled nothing (Kalshi's four-row table:
 * buy+yes or sell+no for `yes`, buy+no or sell+yes for `no`); a fifth leave the legacy fields out.
 */
function clicked(rng: Rng, direction: 'yes' | 'no'): Clicked | undefined {
  const selling = chance(rng, 0.25);
  if (chance(rng, 0.2)) return undefined;
  const other = direction === 'yes' ? 'no' : 'yes';
  return selling ? { side: other, action: 'sell' } : { side: direction, action: 'buy' };
}

/** The draws every order makes last: client order id, self-trade prevention, cancel on pause. */
function settings(rng: Rng): Pick<Draft, 'clientOrderId' | 'selfTradePrevention' | 'cancelOnPause' | 'orderGroupId'> {
  return {
    clientOrderId: chance(rng, 0.15) ? '' : seededUuid(rng),
    selfTradePrevention: weighted(rng, [[null, 80], ['taker_at_cross', 12], ['maker', 8]] as const),
    cancelOnPause: chance(rng, 0.2),
    orderGroupId: null,
  };
}

/** The order behind some fills: its limit is the worst price it filled at (the most it paid per contract of its direction). */
function filledOrder(rng: Rng, orderId: string, own: readonly Fill[], market: CatalogMarket, nowUs: number): Draft {
  const first = own[0]!;
  const times = own.map((f) => parseTime(f.created_time));
  const firstUs = Math.min(...times);
  const lastUs = Math.max(...times);
  const sidePrices = own.map((f) => parseDollars(first.outcome_side === 'yes' ? f.yes_price_dollars : f.no_price_dollars));
  const sidePrice = sidePrices.reduce((a, b) => (b > a ? b : a));
  const filled = own.reduce((sum, f) => sum + parseCount(f.count_fp), 0n);

  const canceled = chance(rng, 0.15);
  const unfilledRest = canceled ? BigInt(randomCount(rng, 20)) : 0n;
  const createdUs = first.is_taker
    ? Math.max(market.openUs, firstUs - randInt(rng, 100, 50_000))
    : Math.max(market.openUs, firstUs - randInt(rng, 1, 6 * 3_600) * SECOND_US - randInt(rng, 0, 999_999));
  const cancelBy = Math.max(lastUs, Math.min(market.closeUs, nowUs - 1));
  const cancelUs = Math.min(cancelBy, lastUs + randInt(rng, 1, 3_600) * SECOND_US + randInt(rng, 0, 999_999));
  const type = first.is_taker && chance(rng, 0.2) ? 'market' : 'limit';
  return {
    orderId,
    ticker: first.ticker,
    exchangeIndex: first.exchange_index,
    subaccount: first.subaccount_number,
    outcomeSide: first.outcome_side,
    bookSide: first.book_side,
    legacy: first.side === undefined || first.action === undefined ? undefined : { side: first.side, action: first.action },
    type,
    status: canceled ? 'canceled' : 'executed',
    yesPrice: first.outcome_side === 'yes' ? sidePrice : MICROS_PER_DOLLAR - sidePrice,
    fills: own,
    remaining: 0n,
    initial: filled + unfilledRest,
    createdUs,
    lastUpdateUs: canceled ? cancelUs : lastUs,
    expirationUs: null,
    ...settings(rng),
  };
}

/** An order withdrawn (or expired) before anything filled, in a market the account traded. */
function unfilledCanceledOrder(rng: Rng, market: CatalogMarket, input: OrdersInput): Draft | undefined {
  const lo = Math.max(market.openUs, input.fromUs);
  const hi = Math.min(market.closeUs, input.nowUs - 1);
  const createdUs = lo + Math.floor(rng() * Math.max(0, hi - lo));
  const subaccount = pickSubaccount(rng);
  const outcomeSide = chance(rng, 0.55) ? 'yes' : 'no';
  const legacy = clicked(rng, outcomeSide);
  const sideCents = randInt(rng, 2, 98);
  const count = BigInt(randomCount(rng, 40));
  // Some ran out at their expiration (a whole second), the others were cancelled.
  const expiresUs = (Math.floor(createdUs / SECOND_US) + randInt(rng, 1, 86_400)) * SECOND_US;
  const expired = chance(rng, 0.3) && expiresUs <= hi;
  const cancelUs = expired ? expiresUs : Math.min(hi, createdUs + randInt(rng, 1, 2 * 86_400) * SECOND_US);
  const base = settings(rng);
  if (hi <= lo) return undefined;
  const sidePrice = BigInt(sideCents) * MICROS_PER_CENT;
  return {
    orderId: seededUuid(rng),
    ticker: market.ticker,
    exchangeIndex: market.exchangeIndex,
    subaccount,
    outcomeSide,
    bookSide: outcomeSide === 'yes' ? 'bid' : 'ask',
    legacy,
    type: 'limit',
    status: 'canceled',
    yesPrice: outcomeSide === 'yes' ? sidePrice : MICROS_PER_DOLLAR - sidePrice,
    fills: [],
    remaining: 0n,
    initial: count,
    createdUs,
    lastUpdateUs: cancelUs,
    expirationUs: expired ? expiresUs : null,
    ...base,
  };
}

/** A resting order of a position's subaccount and market, placed in the last ten days. */
function restingOrder(rng: Rng, draw: RestingDraw, market: CatalogMarket, nowUs: number): Draft {
  const outcomeSide = chance(rng, 0.55) ? 'yes' : 'no';
  const legacy = clicked(rng, outcomeSide);
  // The drawn price is what one contract commits: the price of the order's direction.
  const sidePrice = BigInt(draw.committedCents) * MICROS_PER_CENT;
  const lo = Math.max(market.openUs, nowUs - 10 * DAY_US);
  const hi = nowUs - 60 * SECOND_US;
  const at = rng();
  const createdUs = hi > lo ? lo + Math.floor(at * (hi - lo)) : Math.max(market.openUs, nowUs - 1);
  // A quarter expire at a whole second between an hour from now and the market's close.
  const expires = chance(rng, 0.25);
  const firstS = Math.ceil((nowUs + HOUR_US) / SECOND_US);
  const lastS = Math.floor(market.closeUs / SECOND_US);
  const expiresS = firstS + Math.floor(rng() * Math.max(0, lastS - firstS));
  return {
    orderId: seededUuid(rng),
    ticker: draw.ticker,
    exchangeIndex: draw.exchangeIndex,
    subaccount: draw.subaccount,
    outcomeSide,
    bookSide: outcomeSide === 'yes' ? 'bid' : 'ask',
    legacy,
    type: 'limit',
    status: 'resting',
    yesPrice: outcomeSide === 'yes' ? sidePrice : MICROS_PER_DOLLAR - sidePrice,
    fills: [],
    remaining: BigInt(draw.count),
    initial: BigInt(draw.count),
    createdUs,
    lastUpdateUs: createdUs,
    expirationUs: expires && lastS > firstS ? expiresS * SECOND_US : null,
    ...settings(rng),
  };
}

/**
 * Up to two groups per (subaccount, shard) that has orders, plus an empty one of the primary
 * account; about a fifth of the orders join a group of their subaccount and shard. A group with
 * a contract limit has room for everything its orders asked for.
 */
function makeGroups(rng: Rng, drafts: Draft[]): OrderGroupEntry[] {
  const entries: OrderGroupEntry[] = [];
  const newGroup = (subaccount: number, exchangeIndex: number): OrderGroupEntry => {
    const id = seededUuid(rng);
    const autoCancel = chance(rng, 0.5);
    // The limit itself is set below, once the group's orders are known.
    const group: OrderGroup = chance(rng, 0.7)
      ? { id, contracts_limit_fp: wireCount(0), is_auto_cancel_enabled: autoCancel, exchange_index: exchangeIndex }
      : { id, is_auto_cancel_enabled: autoCancel, exchange_index: exchangeIndex };
    const entry = { subaccount, group };
    entries.push(entry);
    return entry;
  };
  const combos = [...new Set(drafts.map((d) => `${d.subaccount}/${d.exchangeIndex}`))]
    .map((key) => key.split('/').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const byCombo = new Map<string, OrderGroupEntry[]>();
  for (const [subaccount, exchangeIndex] of combos) {
    const n = weighted(rng, [[0, 50], [1, 35], [2, 15]] as const);
    byCombo.set(`${subaccount}/${exchangeIndex}`, Array.from({ length: n }, () => newGroup(subaccount, exchangeIndex)));
  }
  newGroup(0, 0);

  const asked = new Map<string, bigint>();
  for (const d of drafts) {
    const groups = byCombo.get(`${d.subaccount}/${d.exchangeIndex}`) ?? [];
    if (groups.length === 0 || !chance(rng, 0.2)) continue;
    const { group } = pick(rng, groups);
    d.orderGroupId = group.id;
    asked.set(group.id, (asked.get(group.id) ?? 0n) + d.initial);
  }
  // Limits in whole 50-contract steps, above what the group's orders asked for.
  const step = 5_000n;
  for (const { group } of entries) {
    if (group.contracts_limit_fp === undefined) continue;
    group.contracts_limit_fp = wireCount(((asked.get(group.id) ?? 0n) / step + 1n) * step);
  }
  return entries;
}
