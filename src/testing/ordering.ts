/**
 * Served order of the paged lists and their cursors.
 *
 * Each list is sorted ascending by a sort key (a tuple of numbers and
 * strings). A cursor is base64url(JSON [list name, ...sort key of the last
 * row served]); the next page starts at the first row whose key is greater.
 * So cursors are opaque, survive server restarts (no server memory), do not
 * carry filters, and a cursor that does not decode is treated as "start".
 */

import { parseTime } from './time.js';
import type { Fill, MarketPositionEntry, MoneyMovement, SettlementEntry } from './types.js';

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

export function encodeCursor(name: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([name, ...key]), 'utf8').toString('base64url');
}

/** The sort key inside a cursor, or undefined for an absent, foreign or garbage cursor. */
export function decodeCursor(name: string, cursor: string | undefined, template: SortKey): SortKey | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed[0] !== name || parsed.length !== template.length + 1) return undefined;
    const key = parsed.slice(1) as unknown[];
    const fits = key.every((part, i) => typeof part === typeof template[i] && (typeof part !== 'number' || Number.isFinite(part)));
    return fits ? (key as SortKey) : undefined;
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  rows: T[];
  /** Index in `rows` (the filtered list) of the page's first row. */
  start: number;
  /** Cursor for the next page; "" on the last page. */
  cursor: string;
}

/** Cuts one page out of rows that are already sorted by `order`. */
/** Rows are served in key order, so the page after a cursor starts at a binary search, not a scan. */
function firstAfter<T>(rows: readonly T[], order: Ordering<T>, after: SortKey): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(order.key(rows[mid]!), after) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function paginate<T>(rows: readonly T[], order: Ordering<T>, cursor: string | undefined, limit: number): Page<T> {
  let start = 0;
  if (rows.length > 0) {
    const after = decodeCursor(order.name, cursor, order.key(rows[0]!));
    if (after) start = firstAfter(rows, order, after);
  }
  const page = rows.slice(start, start + limit);
  const more = start + page.length < rows.length;
  return {
    rows: page,
    start,
    cursor: more ? encodeCursor(order.name, order.key(page[page.length - 1]!)) : '',
  };
}
