/**
 * The order each list is kept and served in: a sort key per row (a tuple of
 * numbers and strings), ascending. The cursors of http/paging.ts name a list
 * and hold the key of the last row served.
 */

import { parseTime } from './time.js';
import type { MarketPositionEntry, SettlementEntry } from './dataset-types.js';
import type { Fill, MoneyMovement, Order } from './wire-types.js';

export type SortKey = ReadonlyArray<number | string>;

export interface Ordering<T> {
  /** Names the list inside the cursor, so one list's cursor is garbage to another. */
  name: string;
  key(row: T): SortKey;
}

/** Newest fill first; ties by fill id. */
export const fillOrder: Ordering<Fill> = {
  name: 'fills',
  key: (f) => [-parseTime(f.created_time), f.fill_id],
};

/** Newest settlement first; ties by ticker, then subaccount. */
export const settlementOrder: Ordering<SettlementEntry> = {
  name: 'settlements',
  key: (e) => [-parseTime(e.settlement.settled_time), e.settlement.ticker, e.subaccount],
};

/** Grouped by event: latest-closing event first, then event ticker, then market ticker. */
export const positionOrder: Ordering<MarketPositionEntry> = {
  name: 'positions',
  key: (e) => [-e.event_close_ts, e.event_ticker, e.position.ticker],
};

/** The same grouping for GET /historical/positions (its own cursors). */
export const historicalPositionOrder: Ordering<MarketPositionEntry> = { ...positionOrder, name: 'historical_positions' };

/** GET /historical/fills: the fills order, its own cursors. */
export const historicalFillOrder: Ordering<Fill> = { ...fillOrder, name: 'historical_fills' };

/** Newest order first (by creation); ties by order id. */
export const orderOrder: Ordering<Order> = {
  name: 'orders',
  key: (o) => [-parseTime(o.created_time), o.order_id],
};

/** GET /historical/orders: the orders order, its own cursors. */
export const historicalOrderOrder: Ordering<Order> = { ...orderOrder, name: 'historical_orders' };

/** Deposits or withdrawals, newest first; ties by id. */
export function movementOrder(name: 'deposits' | 'withdrawals'): Ordering<MoneyMovement> {
  return { name, key: (m) => [-m.created_ts, m.id] };
}

/** A row of a list that grows at runtime, numbered in the order it was added. */
export interface Sequenced<T> {
  seq: number;
  row: T;
}

/** Newest first by created_ts, then the later-added first (rows added at runtime share one second). */
export function sequencedOrder<T extends { created_ts: number }>(name: string): Ordering<Sequenced<T>> {
  return { name, key: (e) => [-e.row.created_ts, -e.seq] };
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

export function sortRows<T>(rows: T[], order: Ordering<T>): T[] {
  const keyed = rows.map((row) => ({ row, key: order.key(row) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map((k) => k.row);
}

/** Puts `row` into `rows` (already sorted by `order`) where it belongs, after any equal keys. */
export function insertSorted<T>(rows: T[], row: T, order: Ordering<T>): void {
  const key = order.key(row);
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(order.key(rows[mid]!), key) > 0) high = mid;
    else low = mid + 1;
  }
  rows.splice(low, 0, row);
}
