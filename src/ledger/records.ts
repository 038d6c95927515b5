/**
 * Kalshi's records as ledger rows: the integer columns that index, order and sum them (parsed
 * exactly with the SDK's money helpers), beside the record's own JSON; and the one upsert per
 * table, keyed by the record's natural key, so writing a record twice leaves it once.
 */
import type {
  Deposit,
  Fill,
  MarketPosition,
  Order,
  Settlement,
  StreamFill,
  SubaccountBalance,
  SubaccountTransfer,
  Withdrawal,
} from '../index.js';
import { MICROS_PER_DOLLAR, centsToMicros, formatDollars, parseCount, parseDollars } from '../index.js';
import type { SqlStore, SqlValue } from './store.js';

/** Rows per INSERT: 1,000 rows of the widest table stay far below both engines' placeholder limits. */
const ROWS_PER_STATEMENT = 1_000;

interface TableShape {
  name: string;
  columns: readonly string[];
  key: readonly string[];
  /** What a second write of the same key does: nothing, or replace the row when its JSON changed (and `when` allows). */
  onConflict: 'nothing' | { when: string };
}

interface Table<T> extends TableShape {
  values(record: T): SqlValue[];
}

const sqlCache = new Map<string, string>();

function insertSql(table: TableShape, rows: number): string {
  // The conflict rule is part of the statement: the stream's and REST's fill writes differ only in it.
  const cacheKey = `${table.name}:${JSON.stringify(table.onConflict)}:${rows}`;
  let sql = sqlCache.get(cacheKey);
  if (sql === undefined) {
    const tuple = `(${table.columns.map(() => '?').join(', ')})`;
    const update = table.onConflict === 'nothing'
      ? 'DO NOTHING'
      : `DO UPDATE SET ${table.columns.filter((c) => !table.key.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')} WHERE ${table.onConflict.when}`;
    sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')} ON CONFLICT (${table.key.join(', ')}) ${update}`;
    sqlCache.set(cacheKey, sql);
  }
  return sql;
}

/** Writes the records (new ones inserted, changed ones updated as the table says); resolves to how many rows changed. */
export async function upsert<T>(store: SqlStore, table: Table<T>, records: readonly T[]): Promise<number> {
  let changed = 0;
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
    const params: SqlValue[] = [];
    for (const record of chunk) for (const value of table.values(record)) params.push(value);
    changed += await store.run(insertSql(table, chunk.length), params);
  }
  return changed;
}

/** Kalshi's usual spelling of an instant: UTC, whole seconds, then up to nine fractional digits. */
const UTC_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z$/;

/** Ms since the epoch of each UTC day met so far (a sync meets a few hundred days, a fill each few µs). */
const dayStarts = new Map<string, number>();

/**
 * Microseconds since the epoch of an RFC 3339 time, keeping all six fractional digits (Kalshi's
 * fill times have them; Date.parse would keep three). The usual UTC spelling is read by its
 * fields (a million fills each have one); any other (an offset, a lower-case `t`) by Date.parse.
 */
export function microsOf(time: string): number {
  const fields = UTC_TIME.exec(time);
  if (fields) {
    const day = time.slice(0, 10);
    let dayStart = dayStarts.get(day);
    if (dayStart === undefined) {
      dayStart = Date.parse(`${day}T00:00:00Z`);
      if (!Number.isNaN(dayStart)) dayStarts.set(day, dayStart);
    }
    const hours = Number(fields[4]);
    const minutes = Number(fields[5]);
    const seconds = Number(fields[6]);
    if (!Number.isNaN(dayStart) && hours < 24 && minutes < 60 && seconds < 60) {
      const fraction = fields[7] ?? '';
      return (dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000) * 1000 + (fraction === '' ? 0 : Number(fraction.padEnd(6, '0').slice(0, 6)));
    }
  }
  const fraction = /\.(\d+)/.exec(time)?.[1] ?? '';
  const ms = Date.parse(time.replace(/\.\d+/, ''));
  if (Number.isNaN(ms)) throw new RangeError(`not an RFC 3339 time: ${JSON.stringify(time)}`);
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** Where a fill came from: a REST list (authoritative), or the live stream until REST confirms it. */
export type FillOrigin = 'rest' | 'stream';

/** The fill's time in µs: its created_time, else its `ts` (seconds). */
function fillMicros(fill: Fill): number {
  if (fill.created_time) return microsOf(fill.created_time);
  return (fill.ts ?? 0) * 1_000_000;
}

export const subaccountOf = (value: number | null | undefined): number => value ?? 0;

/** Written by writeFills, which builds each row's values in place (a million fills, no array per row). */
const FILLS: TableShape = {
  name: 'fills',
  columns: ['trade_id', 'order_id', 'ticker', 'subaccount', 'exchange_index', 'created_us', 'count_hundredths', 'yes_price_micros', 'fee_micros', 'origin', 'wire'],
  key: ['created_us', 'trade_id'],
  onConflict: 'nothing',
};

/**
 * How far apart two records of one trade id may lie in time and still be found as one fill:
 * Kalshi gives a fill one instant on every endpoint, but the stream's is a millisecond where
 * REST's is a microsecond, and a record without `created_time` has only its `ts` second. Ten
 * minutes is far more than any of these differences, and little to scan.
 */
const SAME_FILL_WINDOW_US = 10 * 60 * 1_000_000;

/**
 * Writes fills, each trade id once, and resolves to how many it added. The table is keyed by
 * (time, trade id) so that a page of fills lands on neighbouring B-tree pages (migration 3 says
 * why); the trade id is kept once here instead: the page's ids are looked up among the fills
 * stored within SAME_FILL_WINDOW_US of its times, and only the others are inserted. A REST fill
 * replaces the stream's record of the same trade id (`origin` 'stream', found by id through the
 * partial index `fills_from_stream`); a stream fill never replaces anything. Call it inside a
 * transaction: it serialises with other writers so the look-up and the insert are one step.
 */
export async function writeFills(store: SqlStore, fills: readonly Fill[], origin: FillOrigin): Promise<number> {
  if (fills.length === 0) return 0;
  await store.serializeWrites();
  const times = new Array<number>(fills.length);
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < fills.length; i++) {
    const us = fillMicros(fills[i]!);
    times[i] = us;
    if (us < earliest) earliest = us;
    if (us > latest) latest = us;
  }
  if (origin === 'rest') {
    // A count, not EXISTS … LIMIT 1: with a limit PostgreSQL's planner may bet on a table scan
    // finding a row early; without one, reading the small partial index is plainly cheaper.
    const [stream] = await store.all("SELECT COUNT(*) AS n FROM fills WHERE origin = 'stream'");
    if (stream?.['n'] !== 0n) {
      for (let start = 0; start < fills.length; start += ROWS_PER_STATEMENT) {
        const ids = fills.slice(start, start + ROWS_PER_STATEMENT).map((fill) => fill.trade_id);
        await store.run(`DELETE FROM fills WHERE origin = 'stream' AND trade_id IN (${ids.map(() => '?').join(', ')})`, ids);
      }
    }
  }
  const stored = new Set<string>();
  for (const row of await store.all('SELECT trade_id FROM fills WHERE created_us >= ? AND created_us <= ?', [earliest - SAME_FILL_WINDOW_US, latest + SAME_FILL_WINDOW_US])) {
    stored.add(row['trade_id'] as string);
  }
  let added = 0;
  let params: SqlValue[] = [];
  let rows = 0;
  const flush = async () => {
    added += await store.run(insertSql(FILLS, rows), params);
    params = [];
    rows = 0;
  };
  for (let i = 0; i < fills.length; i++) {
    const fill = fills[i]!;
    if (stored.has(fill.trade_id)) continue;
    stored.add(fill.trade_id);
    params.push(
      fill.trade_id,
      fill.order_id,
      fill.ticker,
      subaccountOf(fill.subaccount_number),
      fill.exchange_index ?? 0,
      times[i]!,
      parseCount(fill.count_fp),
      parseDollars(fill.yes_price_dollars),
      fill.fee_cost === undefined ? 0n : parseDollars(fill.fee_cost),
      origin,
      JSON.stringify(fill),
    );
    if (++rows === ROWS_PER_STATEMENT) await flush();
  }
  if (rows > 0) await flush();
  return added;
}

/**
 * A stream fill in REST's shape, so reads give one shape whichever way a fill arrived: the same
 * ids, tickers and amounts; `no_price_dollars` = 1 − the YES price, exactly; the time from `ts_ms`.
 */
export function restShapeOf(fill: StreamFill): Fill {
  const yes = parseDollars(fill.yes_price_dollars);
  return {
    fill_id: fill.trade_id,
    trade_id: fill.trade_id,
    order_id: fill.order_id,
    ticker: fill.market_ticker,
    market_ticker: fill.market_ticker,
    exchange_index: fill.exchange_index ?? 0,
    ...(fill.side ? { side: fill.side } : {}),
    ...(fill.action ? { action: fill.action } : {}),
    outcome_side: fill.outcome_side,
    book_side: fill.book_side,
    count_fp: fill.count_fp,
    yes_price_dollars: fill.yes_price_dollars,
    no_price_dollars: formatDollars(MICROS_PER_DOLLAR - yes, { decimals: 4 }),
    is_taker: fill.is_taker,
    created_time: new Date(fill.ts_ms).toISOString(),
    fee_cost: fill.fee_cost,
    subaccount_number: fill.subaccount ?? 0,
    ts: Math.floor(fill.ts_ms / 1000),
  };
}

export const ordersTable: Table<Order> = {
  name: 'orders',
  columns: ['order_id', 'subaccount', 'ticker', 'status', 'created_us', 'fill_count_hundredths', 'wire'],
  key: ['order_id'],
  onConflict: { when: 'orders.wire <> excluded.wire' },
  values: (order) => [
    order.order_id,
    subaccountOf(order.subaccount_number),
    order.ticker,
    order.status,
    order.created_time ? microsOf(order.created_time) : 0,
    parseCount(order.fill_count_fp),
    JSON.stringify(order),
  ],
};

/** A settlement with the subaccount it was listed for (Kalshi's record does not name it). */
export interface SubaccountSettlement {
  subaccount: number;
  settlement: Settlement;
}

export const settlementsTable: Table<SubaccountSettlement> = {
  name: 'settlements',
  columns: ['subaccount', 'exchange_index', 'ticker', 'event_ticker', 'market_result', 'settled_us', 'revenue_micros', 'fee_micros', 'wire'],
  key: ['subaccount', 'exchange_index', 'ticker'],
  onConflict: { when: 'settlements.wire <> excluded.wire' },
  values: ({ subaccount, settlement: s }) => [
    subaccount,
    s.exchange_index ?? 0,
    s.ticker,
    s.event_ticker,
    s.market_result,
    microsOf(s.settled_time),
    centsToMicros(s.revenue),
    parseDollars(s.fee_cost),
    JSON.stringify(s),
  ],
};

const fundingTable = (name: 'deposits' | 'withdrawals'): Table<Deposit | Withdrawal> => ({
  name,
  columns: ['id', 'status', 'amount_micros', 'fee_micros', 'created_ts', 'wire'],
  key: ['id'],
  onConflict: { when: `${name}.wire <> excluded.wire` },
  values: (row) => [row.id, row.status, centsToMicros(row.amount_cents), centsToMicros(row.fee_cents), row.created_ts, JSON.stringify(row)],
});
export const depositsTable = fundingTable('deposits');
export const withdrawalsTable = fundingTable('withdrawals');

export const transfersTable: Table<SubaccountTransfer> = {
  name: 'subaccount_transfers',
  columns: ['transfer_id', 'from_subaccount', 'to_subaccount', 'exchange_index', 'amount_micros', 'created_ts', 'wire'],
  key: ['transfer_id'],
  onConflict: 'nothing',
  values: (t) => [t.transfer_id, t.from_subaccount, t.to_subaccount, t.exchange_index ?? 0, centsToMicros(t.amount_cents), t.created_ts, JSON.stringify(t)],
};

export const balanceSnapshotTable = (syncId: string): Table<SubaccountBalance> => ({
  name: 'balance_snapshots',
  columns: ['sync_id', 'subaccount', 'exchange_index', 'balance_micros', 'wire'],
  key: ['sync_id', 'subaccount', 'exchange_index'],
  onConflict: 'nothing',
  values: (b) => [syncId, b.subaccount_number, b.exchange_index ?? 0, parseDollars(b.balance), JSON.stringify(b)],
});

/** A market position with the subaccount it was listed for, and whether it came from the archive. */
export interface SubaccountPosition {
  subaccount: number;
  archived: boolean;
  position: MarketPosition;
}

export const positionSnapshotTable = (syncId: string): Table<SubaccountPosition> => ({
  name: 'position_snapshots',
  columns: ['sync_id', 'subaccount', 'exchange_index', 'ticker', 'archived', 'position_hundredths', 'realized_micros', 'fees_micros', 'wire'],
  key: ['sync_id', 'subaccount', 'exchange_index', 'ticker'],
  // The same market live and archived in one sync (the cutoff moved while we read): the live row stays.
  onConflict: 'nothing',
  values: ({ subaccount, archived, position: p }) => [
    syncId,
    subaccount,
    p.exchange_index ?? 0,
    p.ticker,
    archived ? 1 : 0,
    parseCount(p.position_fp),
    parseDollars(p.realized_pnl_dollars),
    parseDollars(p.fees_paid_dollars),
    JSON.stringify(p),
  ],
});

export const nettingSnapshotTable = (syncId: string): Table<{ subaccount_number: number; exchange_index: number; enabled: boolean }> => ({
  name: 'netting_snapshots',
  columns: ['sync_id', 'subaccount', 'exchange_index', 'enabled'],
  key: ['sync_id', 'subaccount', 'exchange_index'],
  onConflict: 'nothing',
  values: (n) => [syncId, n.subaccount_number, n.exchange_index ?? 0, n.enabled ? 1 : 0],
});
