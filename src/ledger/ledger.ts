/**
 * A ledger: the account's records in a database, opened on a SQLite file or a postgres:// URL,
 * with the schema brought up to date. Reads give back Kalshi's own records (the P&L engine's
 * input) in a stable order, for any period, without holding them all in memory.
 */
import type { Deposit, Fill, MarketPosition, Order, Settlement, StreamFill, SubaccountBalance, SubaccountNettingConfig, SubaccountTransfer, Withdrawal } from '../index.js';
import { KalshiInputError } from '../index.js';
import { SCHEMA_VERSION, migrate } from './migrations/index.js';
import { restShapeOf, writeFills } from './records.js';
import { type SqlRow, type SqlStore, type SqlValue, integerOf, textOf } from './store.js';

/** A period in Unix seconds, both ends inclusive; either may be left open. */
export interface LedgerPeriod {
  since?: number;
  until?: number;
}

/** A settlement with the subaccount it belongs to (Kalshi's record does not carry it; the ledger asks per subaccount). */
export type LedgerSettlement = Settlement & { subaccount_number: number };

/** A market position with its subaccount, and whether Kalshi had archived it (a settled market past the historical cutoff). */
export type LedgerPosition = MarketPosition & { subaccount_number: number; archived: boolean };

/** What the account looked like at a sync: every subaccount's cash, positions and netting setting. */
export interface LedgerSnapshot {
  syncId: string;
  /** When the sync finished (ms since the epoch, local clock). */
  at: number;
  balances: SubaccountBalance[];
  positions: LedgerPosition[];
  netting: SubaccountNettingConfig[];
}

export interface Ledger {
  /** The SQLite file, or the postgres:// URL without its password. */
  readonly location: string;
  readonly engine: 'sqlite' | 'postgres';
  readonly schemaVersion: number;
  /** Fills in time order (then by trade id), each with `subaccount_number` set. */
  fills(period?: LedgerPeriod): AsyncGenerator<Fill, void, undefined>;
  /** Settlements in settlement-time order. */
  settlements(period?: LedgerPeriod): AsyncGenerator<LedgerSettlement, void, undefined>;
  /** Orders in creation order, each as last seen. */
  orders(period?: LedgerPeriod): AsyncGenerator<Order, void, undefined>;
  deposits(period?: LedgerPeriod): Promise<Deposit[]>;
  withdrawals(period?: LedgerPeriod): Promise<Withdrawal[]>;
  subaccountTransfers(period?: LedgerPeriod): Promise<SubaccountTransfer[]>;
  /** The account as the latest completed sync saw it; undefined before the first. */
  snapshot(): Promise<LedgerSnapshot | undefined>;
  /** How many records of each kind the ledger holds. */
  counts(): Promise<Record<'fills' | 'settlements' | 'orders' | 'deposits' | 'withdrawals' | 'subaccountTransfers' | 'syncs', number>>;
  /** Adds a fill from the live stream (REST's record replaces it when a sync reads it); false if the ledger had it. */
  appendStreamFill(fill: StreamFill): Promise<boolean>;
  close(): Promise<void>;
}

/** The ledger with its store, for sync (not part of the public type). */
export interface OpenLedger extends Ledger {
  readonly store: SqlStore;
}

export interface OpenLedgerOptions {
  /** Migrate only up to this schema version (for tests of upgrades); default the latest. */
  schemaVersion?: number;
}

const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Opens (creating when needed) the ledger at a SQLite file path or a postgres:// URL, and migrates it. */
export async function openLedger(location: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
  if (typeof location !== 'string' || location.trim() === '') throw new KalshiInputError('openLedger needs a SQLite file path or a postgres:// URL');
  const postgres = isPostgresUrl(location);
  const store = postgres ? await (await import('./postgres.js')).openPostgres(location) : await (await import('./sqlite.js')).openSqlite(location);
  try {
    const schemaVersion = await migrate(store, options.schemaVersion ?? SCHEMA_VERSION);
    const shown = postgres ? (await import('./postgres.js')).redacted(location) : location;
    return ledgerOn(store, shown, schemaVersion);
  } catch (error) {
    await store.close();
    throw error;
  }
}

const READ_BATCH = 5_000;

/** µs bounds of a period in seconds (the `until` second included whole). */
function microsBounds(period: LedgerPeriod = {}): [number, number] {
  return [period.since === undefined ? -Number.MAX_SAFE_INTEGER : period.since * 1_000_000, period.until === undefined ? Number.MAX_SAFE_INTEGER : period.until * 1_000_000 + 999_999];
}

function secondsBounds(period: LedgerPeriod = {}): [number, number] {
  return [period.since ?? -Number.MAX_SAFE_INTEGER, period.until ?? Number.MAX_SAFE_INTEGER];
}

const wireOf = <T>(row: SqlRow): T => JSON.parse(textOf(row['wire'])!) as T;

function ledgerOn(store: SqlStore, location: string, schemaVersion: number): OpenLedger {
  /**
   * Rows of `table` in (time, key) order, READ_BATCH at a time by keyset (portable, and no
   * server-side cursor to hold open), so a million fills never sit in memory at once.
   */
  async function* inOrder(table: string, time: string, key: string, period: LedgerPeriod | undefined, extra = ''): AsyncGenerator<SqlRow> {
    const [from, to] = microsBounds(period);
    let after: [number, string] | undefined;
    for (;;) {
      const params: SqlValue[] = [from, to];
      let where = `${time} >= ? AND ${time} <= ?`;
      if (after) {
        where += ` AND (${time} > ? OR (${time} = ? AND ${key} > ?))`;
        params.push(after[0], after[0], after[1]);
      }
      const rows = await store.all(`SELECT ${time} AS t, ${key} AS k, wire${extra} FROM ${table} WHERE ${where} ORDER BY ${time}, ${key} LIMIT ${READ_BATCH}`, params);
      yield* rows;
      if (rows.length < READ_BATCH) return;
      const last = rows[rows.length - 1]!;
      after = [integerOf(last['t'])!, textOf(last['k'])!];
    }
  }

  async function createdBetween<T>(table: string, period: LedgerPeriod | undefined, key: string): Promise<T[]> {
    const [from, to] = secondsBounds(period);
    const rows = await store.all(`SELECT wire FROM ${table} WHERE created_ts >= ? AND created_ts <= ? ORDER BY created_ts, ${key}`, [from, to]);
    return rows.map((row) => wireOf<T>(row));
  }

  const ledger: OpenLedger = {
    store,
    location,
    engine: store.engine,
    schemaVersion,
    async *fills(period) {
      for await (const row of inOrder('fills', 'created_us', 'trade_id', period, ', subaccount')) {
        const fill = wireOf<Fill>(row);
        yield fill.subaccount_number == null ? { ...fill, subaccount_number: integerOf(row['subaccount'])! } : fill;
      }
    },
    async *settlements(period) {
      // Ties in time are broken by the row's key, spelled as one text (|| takes integers on both engines).
      const key = "(subaccount || ':' || exchange_index || ':' || ticker)";
      for await (const row of inOrder('settlements', 'settled_us', key, period, ', subaccount')) {
        yield { ...wireOf<Settlement>(row), subaccount_number: integerOf(row['subaccount'])! };
      }
    },
    async *orders(period) {
      for await (const row of inOrder('orders', 'created_us', 'order_id', period)) yield wireOf<Order>(row);
    },
    deposits: (period) => createdBetween<Deposit>('deposits', period, 'id'),
    withdrawals: (period) => createdBetween<Withdrawal>('withdrawals', period, 'id'),
    subaccountTransfers: (period) => createdBetween<SubaccountTransfer>('subaccount_transfers', period, 'transfer_id'),
    async snapshot() {
      const [sync] = await store.all('SELECT sync_id, finished_us, positions_sync_id FROM syncs WHERE finished_us IS NOT NULL ORDER BY finished_us DESC, sync_id DESC LIMIT 1');
      if (!sync) return undefined;
      const syncId = textOf(sync['sync_id'])!;
      const positionsFrom = textOf(sync['positions_sync_id']) ?? syncId;
      const balances = await store.all('SELECT wire FROM balance_snapshots WHERE sync_id = ? ORDER BY subaccount, exchange_index', [syncId]);
      const positions = await store.all('SELECT wire, subaccount, archived FROM position_snapshots WHERE sync_id = ? ORDER BY subaccount, exchange_index, ticker', [positionsFrom]);
      const netting = await store.all('SELECT subaccount, exchange_index, enabled FROM netting_snapshots WHERE sync_id = ? ORDER BY subaccount, exchange_index', [positionsFrom]);
      return {
        syncId,
        at: Math.floor(integerOf(sync['finished_us'])! / 1000),
        balances: balances.map((row) => wireOf<SubaccountBalance>(row)),
        positions: positions.map((row) => ({ ...wireOf<MarketPosition>(row), subaccount_number: integerOf(row['subaccount'])!, archived: integerOf(row['archived']) === 1 })),
        netting: netting.map((row) => ({ subaccount_number: integerOf(row['subaccount'])!, exchange_index: integerOf(row['exchange_index'])!, enabled: integerOf(row['enabled']) === 1 })),
      };
    },
    async counts() {
      const tables = { fills: 'fills', settlements: 'settlements', orders: 'orders', deposits: 'deposits', withdrawals: 'withdrawals', subaccountTransfers: 'subaccount_transfers', syncs: 'syncs' } as const;
      const [row] = await store.all(`SELECT ${Object.entries(tables).map(([name, table]) => `(SELECT COUNT(*) FROM ${table}) AS "${name}"`).join(', ')}`);
      return Object.fromEntries(Object.keys(tables).map((name) => [name, integerOf(row![name])!])) as Awaited<ReturnType<Ledger['counts']>>;
    },
    async appendStreamFill(fill) {
      const rest = restShapeOf(fill);
      return store.transaction(async () => (await writeFills(store, [rest], 'stream')) > 0);
    },
    close: () => store.close(),
  };
  return ledger;
}
