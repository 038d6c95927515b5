/**
 * Reading the dataset's orders the way the order routes serve them: filters, lookups by id, the
 * queue positions of resting orders and the orders of a group. Everything is computed from
 * `data.orders` and its views on every call, so runtime trades and a moved cutoff show at once.
 */

import type { FakeDataset, OrderGroupEntry } from './dataset-types.js';
import { parseTime, unixSeconds } from './time.js';
import type { Order, OrderQueuePosition, OrderStatus } from './wire-types.js';

export interface OrderFilter {
  ticker?: string | undefined;
  /** Any of these events. */
  eventTickers?: readonly string[] | undefined;
  /** Inclusive bounds on `created_time`, Unix seconds. */
  minTs?: number | undefined;
  maxTs?: number | undefined;
  status?: OrderStatus | undefined;
  subaccount?: number | undefined;
  exchangeIndex?: number | undefined;
}

/** The event of each market the dataset knows. */
function eventsOf(data: Pick<FakeDataset, 'markets'>): Map<string, string> {
  return new Map(data.markets.map((m) => [m.ticker, m.event_ticker]));
}

/** The rows of `orders` (in their order) that pass every filter given. */
export function filterOrders(data: Pick<FakeDataset, 'markets'>, orders: readonly Order[], f: OrderFilter): Order[] {
  const events = f.eventTickers ? eventsOf(data) : undefined;
  const timed = f.minTs !== undefined || f.maxTs !== undefined;
  return orders.filter((o) => {
    if (f.ticker !== undefined && o.ticker !== f.ticker) return false;
    if (events !== undefined && !f.eventTickers!.includes(events.get(o.ticker) ?? '')) return false;
    if (f.status !== undefined && o.status !== f.status) return false;
    if (f.subaccount !== undefined && o.subaccount_number !== f.subaccount) return false;
    if (f.exchangeIndex !== undefined && o.exchange_index !== f.exchangeIndex) return false;
    if (!timed) return true;
    const createdS = unixSeconds(parseTime(o.created_time));
    return (f.minTs === undefined || createdS >= f.minTs) && (f.maxTs === undefined || createdS <= f.maxTs);
  });
}

/** Any order of the account, live or historical. */
export function findOrder(data: Pick<FakeDataset, 'orders'>, orderId: string): Order | undefined {
  return data.orders.find((o) => o.order_id === orderId);
}

export interface QueueFilter {
  marketTickers?: readonly string[] | undefined;
  eventTicker?: string | undefined;
  subaccount: number;
}

/** Queue positions of the subaccount's resting orders in the markets or event asked for, in the orders' order. */
export function queuePositions(data: Pick<FakeDataset, 'markets' | 'orders' | 'queuePositions'>, f: QueueFilter): OrderQueuePosition[] {
  const resting = new Map(data.orders.filter((o) => o.status === 'resting').map((o) => [o.order_id, o]));
  const events = eventsOf(data);
  return data.queuePositions.filter((q) => {
    const order = resting.get(q.order_id);
    return order !== undefined &&
      order.subaccount_number === f.subaccount &&
      (f.marketTickers === undefined || f.marketTickers.includes(q.market_ticker)) &&
      (f.eventTicker === undefined || events.get(q.market_ticker) === f.eventTicker);
  });
}

/** The queue position of a resting order; undefined for any other order. */
export function queuePositionOf(data: Pick<FakeDataset, 'queuePositions'>, order: Order): OrderQueuePosition | undefined {
  return order.status === 'resting' ? data.queuePositions.find((q) => q.order_id === order.order_id) : undefined;
}

/** A group by id, of one subaccount or (undefined) of any. */
export function findOrderGroup(data: Pick<FakeDataset, 'orderGroups'>, id: string, subaccount: number | undefined): OrderGroupEntry | undefined {
  return data.orderGroups.find((e) => e.group.id === id && (subaccount === undefined || e.subaccount === subaccount));
}

/** The ids of a group's orders, live and historical, newest first. */
export function groupOrderIds(data: Pick<FakeDataset, 'orders'>, groupId: string): string[] {
  return data.orders.filter((o) => o.order_group_id === groupId).map((o) => o.order_id);
}
