/**
 * Pages and cursors over lists kept in their served order (data/ordering.ts).
 *
 * A cursor is base64url(JSON [list name, ...sort key of the last row served]);
 * the next page starts at the first row whose key is greater. So cursors hold
 * no server state (they survive restarts and work across instances with the
 * same seed), carry no filters, and one that does not decode, or names
 * another list, starts from the beginning.
 */

import { type Ordering, type SortKey, compareKeys } from '../data/ordering.js';

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

/** Cuts one page out of rows that are already sorted by `order`. */
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
