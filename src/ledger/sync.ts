/**
 * `sync`: mirrors the account into a ledger, incrementally, idempotently and resumably.
 *
 * Every record has a natural key (trade id, order id, deposit id, …) and is written with an
 * upsert, so writing it twice leaves it once. Lists are read page by page, newest first; each page
 * is written in one transaction together with where the walk stands (its query and next cursor),
 * so a sync killed at any point (SIGKILL included) resumes where the last committed page left
 * off, and the watermark a later sync starts from moves only when a walk is complete.
 *
 * A sync first asks what can tell it whether anything changed, five requests for an unchanged
 * account: the historical cutoff, every subaccount's balance, the resting orders, the orders
 * created since the last sync, and the settlements since the last sync. Every new fill belongs to
 * an order that is either new (listed since the last sync) or was resting (its fill count moved,
 * or it left the resting list), so those two lists see every new fill. Only when something changed
 * (or the previous sync did not finish) does it read the rest: fills, deposits, withdrawals,
 * subaccount transfers, the netting settings and every subaccount's positions. Deposits,
 * withdrawals and transfers that move no cash and come with no trading (a pending deposit, a
 * failed withdrawal) are therefore read at the next sync that sees a change; `full` reads them now.
 */
import type { Deposit, Fill, KalshiClient, MarketPosition, Order, Settlement, SubaccountBalance, SubaccountTransfer, Withdrawal } from '../index.js';
import { KalshiConfigError } from '../index.js';
import type { Ledger, OpenLedger } from './ledger.js';
import {
  balanceSnapshotTable,
  depositsTable,
  microsOf,
  nettingSnapshotTable,
  ordersTable,
  positionSnapshotTable,
  settlementsTable,
  transfersTable,
  upsert,
  withdrawalsTable,
  writeFills,
} from './records.js';
import { type SqlStore, integerOf, textOf } from './store.js';

export interface SyncOptions {
  /** Stops the sync between requests; what was committed stays, and the next sync resumes it. */
  signal?: AbortSignal;
  /**
   * Which account the ledger mirrors (the CLI passes `<environment>:<key id>`). The first sync
   * records it; a later one with another label is refused, so two accounts never mix. Default
   * the client's base URL.
   */
  account?: string;
  /** Read every list since the last sync even when the change checks found nothing. */
  full?: boolean;
  /** Rows per page (default and maximum 1,000; deposits and withdrawals take at most 500). */
  pageSize?: number;
  /** Called after each page is written: which list, and how many records the page had. */
  onPage?(list: string, records: number): void;
}

export type SyncCounts = Record<'fills' | 'orders' | 'settlements' | 'deposits' | 'withdrawals' | 'subaccountTransfers' | 'positions', number>;

export interface SyncReport {
  syncId: string;
  /** Requests this sync sent (each page is one). */
  requests: number;
  /** False when the change checks found nothing new, so only they were sent. */
  changed: boolean;
  /** Records written: new ones, and changed ones (an order that filled, a deposit that cleared). */
  written: SyncCounts;
}

/** How far before the last sync's newest record a list is read again, for records Kalshi shows late. */
const OVERLAP_SECONDS = 60;
const MAX_PAGE = 1_000;
const MAX_FUNDING_PAGE = 500;

type Query = Record<string, unknown>;
interface Page<T> {
  items: T[];
  cursor?: string | undefined;
}

/** A list read in one or more phases (live, then archived), resumable from its saved state. */
interface Phase<T> {
  fetch(query: Query): Promise<Page<T>>;
  /** This phase's query given what earlier phases saw; undefined skips it. */
  query(seen: Seen): Query | undefined;
}
interface Seen {
  /** The newest and oldest record time (seconds) seen so far in the walk. */
  newest?: number | undefined;
  oldest?: number | undefined;
}
interface WalkState extends Seen {
  phase: number;
  query: Query;
  cursor?: string | undefined;
}

async function stateOf(store: SqlStore, name: string): Promise<string | undefined> {
  const [row] = await store.all('SELECT value FROM sync_state WHERE name = ?', [name]);
  return textOf(row?.['value']);
}
async function setState(store: SqlStore, name: string, value: string): Promise<void> {
  await store.run('INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
}
async function clearState(store: SqlStore, name: string): Promise<void> {
  await store.run('DELETE FROM sync_state WHERE name = ?', [name]);
}
async function watermark(store: SqlStore, list: string): Promise<number | undefined> {
  const value = await stateOf(store, `watermark:${list}`);
  return value === undefined ? undefined : Number(value);
}
/** Moves a list's watermark forward (never back) to `seconds`. */
async function advance(store: SqlStore, list: string, seconds: number | undefined): Promise<void> {
  if (seconds === undefined) return;
  const current = await watermark(store, list);
  if (current === undefined || seconds > current) await setState(store, `watermark:${list}`, String(seconds));
}
const DIRTY = 'dirty';

const secondsOfTime = (time: string | null | undefined) => (time ? Math.floor(microsOf(time) / 1_000_000) : undefined);
const fillSeconds = (fill: Fill) => fill.ts ?? secondsOfTime(fill.created_time);
const orderSeconds = (order: Order) => secondsOfTime(order.created_time);

/** Mirrors the account into the ledger; see the module comment for what is read when. */
export async function sync(client: KalshiClient, ledger: Ledger, options: SyncOptions = {}): Promise<SyncReport> {
  const store = (ledger as OpenLedger).store;
  if (!store) throw new KalshiConfigError('sync needs a ledger made by openLedger');
  const signal = options.signal;
  const call = signal ? { signal } : {};
  const pageSize = Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE);
  const fundingPageSize = Math.min(pageSize, MAX_FUNDING_PAGE);
  const written: SyncCounts = { fills: 0, orders: 0, settlements: 0, deposits: 0, withdrawals: 0, subaccountTransfers: 0, positions: 0 };
  let requests = 0;
  const counted = <T>(request: Promise<T>): Promise<T> => {
    requests++;
    return request;
  };
  const syncId = crypto.randomUUID();

  await store.transaction(async () => {
    const account = options.account ?? client.baseUrl;
    const known = (await store.all('SELECT account FROM ledger_account')).map((row) => textOf(row['account'])!);
    if (known.length > 0 && !known.includes(account)) {
      throw new KalshiConfigError(`this ledger mirrors ${known.join(', ')}, not ${account}: give each account (and environment) a ledger of its own`);
    }
    if (known.length === 0) await store.run('INSERT INTO ledger_account (account, first_synced_us) VALUES (?, ?)', [account, Date.now() * 1000]);
    await store.run('INSERT INTO syncs (sync_id, started_us, requests) VALUES (?, ?, 0)', [syncId, Date.now() * 1000]);
  });
  const [previous] = await store.all(
    'SELECT sync_id, positions_sync_id FROM syncs WHERE finished_us IS NOT NULL ORDER BY finished_us DESC, sync_id DESC LIMIT 1',
  );
  const previousSyncId = textOf(previous?.['sync_id']);
  const previousPositionsId = textOf(previous?.['positions_sync_id']) ?? previousSyncId;

  /**
   * Reads a list page by page, each page written with the walk's state in one transaction. A walk
   * a killed sync left unfinished is completed first, then a fresh one is made (records may have
   * arrived since). `stop` may end it early, after a page written (newest-first lists with no
   * time filter); `done` runs in the last page's transaction.
   */
  async function walk<T>(
    name: string,
    phases: Phase<T>[],
    secondsOf: (item: T) => number | undefined,
    write: (items: T[]) => Promise<number>,
    done: (seen: Seen) => Promise<void>,
    stop?: (items: T[], changed: number) => Promise<boolean>,
  ): Promise<void> {
    const key = `walk:${name}`;
    const saved = await stateOf(store, key);
    let resumed = saved !== undefined;
    const start = (seen: Seen, from: number): WalkState | undefined => {
      for (let phase = from; phase < phases.length; phase++) {
        const query = phases[phase]!.query(seen);
        if (query) return { ...seen, phase, query };
      }
      return undefined;
    };
    let state: WalkState | undefined = saved ? (JSON.parse(saved) as WalkState) : start({}, 0);
    while (state) {
      signal?.throwIfAborted();
      const current: WalkState = state;
      const page = await counted(phases[current.phase]!.fetch({ ...current.query, ...(current.cursor ? { cursor: current.cursor } : {}) }));
      const seen: Seen = { newest: current.newest, oldest: current.oldest };
      for (const item of page.items) {
        const second = secondsOf(item);
        if (second === undefined) continue;
        if (seen.newest === undefined || second > seen.newest) seen.newest = second;
        if (seen.oldest === undefined || second < seen.oldest) seen.oldest = second;
      }
      state = await store.transaction(async () => {
        const changed = await write(page.items);
        const stopped = stop ? await stop(page.items, changed) : false;
        const next: WalkState | undefined =
          page.cursor && !stopped ? { ...current, ...seen, cursor: page.cursor } : start(seen, current.phase + 1);
        if (next) await setState(store, key, JSON.stringify(next));
        else {
          await clearState(store, key);
          await done(seen);
        }
        return next;
      });
      options.onPage?.(name, page.items.length);
      if (!state && resumed) {
        resumed = false;
        state = start({}, 0);
      }
    }
  }

  /** Every page of a list that is read whole each time (small: resting orders, positions). */
  async function everyPage<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      signal?.throwIfAborted();
      const page = await counted(fetch(cursor));
      items.push(...page.items);
      cursor = page.cursor || undefined;
    } while (cursor);
    return items;
  }

  const markDirty = async (changed: number) => {
    if (changed > 0) await setState(store, DIRTY, '1');
    return changed;
  };
  const since = (mark: number | undefined) => (mark === undefined ? {} : { min_ts: mark - OVERLAP_SECONDS });

  // 1. The change checks.
  const cutoff = await counted(client.getHistoricalCutoff(undefined, call));
  const tradesCutoff = Math.floor(Date.parse(cutoff.trades_created_ts) / 1000);
  const ordersCutoff = Math.floor(Date.parse(cutoff.orders_updated_ts) / 1000);
  const { subaccount_balances: balances } = await counted(client.getSubaccountBalances(undefined, call));
  const subaccounts = [...new Set([0, ...balances.map((b) => b.subaccount_number)])].sort((a, b) => a - b);
  const balancesChanged = await balancesDiffer(store, previousSyncId, balances);

  const resting = await everyPage(async (cursor) => {
    const page = await client.getOrders({ status: 'resting', limit: pageSize, ...(cursor ? { cursor } : {}) }, call);
    return { items: page.orders, cursor: page.cursor };
  });
  written.orders += await store.transaction(async () => markDirty(await upsert(store, ordersTable, resting)));

  const ordersMark = await watermark(store, 'orders');
  const ordersFrom = since(ordersMark);
  await walk<Order>(
    'orders',
    [
      { fetch: async (q) => pageOf(await client.getOrders(q as never, call), 'orders'), query: () => ({ ...ordersFrom, limit: pageSize }) },
      {
        fetch: async (q) => pageOf(await client.getHistoricalOrders(q as never, call), 'orders'),
        query: () => (ordersMark === undefined || ordersMark - OVERLAP_SECONDS < ordersCutoff ? { ...ordersFrom, limit: pageSize } : undefined),
      },
    ],
    orderSeconds,
    async (orders) => {
      const changed = await markDirty(await upsert(store, ordersTable, orders));
      written.orders += changed;
      return changed;
    },
    (seen) => advance(store, 'orders', seen.newest),
  );
  // Orders that were resting and are neither resting now nor listed since: filled or canceled since.
  const restingNow = new Set(resting.map((order) => order.order_id));
  const stale = (await store.all("SELECT order_id FROM orders WHERE status = 'resting'")).map((row) => textOf(row['order_id'])!).filter((id) => !restingNow.has(id));
  for (const orderId of stale) {
    signal?.throwIfAborted();
    const { order } = await counted(client.getOrder({ order_id: orderId }, call));
    written.orders += await store.transaction(async () => markDirty(await upsert(store, ordersTable, [order])));
  }

  const settlementsChanged = await syncSettlements();

  const dirty = (await stateOf(store, DIRTY)) !== undefined;
  const changed = options.full === true || previousSyncId === undefined || dirty || balancesChanged || settlementsChanged;
  let positionsSyncId = previousPositionsId;
  if (changed) {
    await setState(store, DIRTY, '1');
    const readArchive = await syncFills();
    await syncFunding();
    await syncPositions(readArchive);
    positionsSyncId = syncId;
  }

  await store.transaction(async () => {
    await upsert(store, balanceSnapshotTable(syncId), balances);
    await store.run('UPDATE syncs SET finished_us = ?, requests = ?, positions_sync_id = ? WHERE sync_id = ?', [Date.now() * 1000, requests, positionsSyncId ?? syncId, syncId]);
    await clearState(store, DIRTY);
  });
  return { syncId, requests, changed, written };

  /**
   * Settlements since the last one seen. Kalshi's record does not say whose it is, so with
   * several subaccounts the list of all of them only tells whether any is new; the new ones are
   * then read per subaccount.
   */
  async function syncSettlements(): Promise<boolean> {
    const mark = await watermark(store, 'settlements');
    const query = { ...since(mark), limit: pageSize };
    const listOf = (subaccount: number | undefined) =>
      everyPage(async (cursor) => {
        const page = await client.getSettlements({ ...query, ...(subaccount === undefined ? {} : { subaccount }), ...(cursor ? { cursor } : {}) }, call);
        return { items: page.settlements, cursor: page.cursor };
      });
    const all = await listOf(undefined);
    const newest = (rows: Settlement[]) => rows.reduce<number | undefined>((max, s) => Math.max(max ?? 0, secondsOfTime(s.settled_time)!), undefined);
    if (subaccounts.length === 1) {
      return store.transaction(async () => {
        const changed = await markDirty(await upsert(store, settlementsTable, all.map((settlement) => ({ subaccount: subaccounts[0]!, settlement }))));
        written.settlements += changed;
        await advance(store, 'settlements', newest(all));
        return changed > 0;
      });
    }
    const stored = new Map<string, number>();
    const from = mark === undefined ? -Number.MAX_SAFE_INTEGER : (mark - OVERLAP_SECONDS) * 1_000_000;
    for (const row of await store.all('SELECT exchange_index, ticker, COUNT(*) AS n FROM settlements WHERE settled_us >= ? GROUP BY exchange_index, ticker', [from])) {
      stored.set(`${integerOf(row['exchange_index'])}:${textOf(row['ticker'])}`, integerOf(row['n'])!);
    }
    const listed = new Map<string, number>();
    for (const s of all) listed.set(`${s.exchange_index ?? 0}:${s.ticker}`, (listed.get(`${s.exchange_index ?? 0}:${s.ticker}`) ?? 0) + 1);
    if ([...listed].every(([key, n]) => (stored.get(key) ?? 0) >= n)) return false;
    for (const subaccount of subaccounts) {
      const rows = await listOf(subaccount);
      written.settlements += await store.transaction(async () => markDirty(await upsert(store, settlementsTable, rows.map((settlement) => ({ subaccount, settlement })))));
    }
    await store.transaction(() => advance(store, 'settlements', newest(all)));
    return true;
  }

  /** Fills since the last sync: the live ones, then the archived ones when the cutoff passed the watermark. Resolves to whether it read the archive. */
  async function syncFills(): Promise<boolean> {
    const mark = await watermark(store, 'fills');
    const from = since(mark);
    let readArchive = false;
    await walk<Fill>(
      'fills',
      [
        { fetch: async (q) => pageOf(await client.getFills(q as never, call), 'fills'), query: () => ({ ...from, limit: pageSize }) },
        {
          fetch: async (q) => {
            readArchive = true;
            return pageOf(await client.getFillsHistorical(q as never, call), 'fills');
          },
          // Archived fills are older than every live one: up to the oldest live second (its
          // fills may be on both sides while the cutoff moves; the key keeps each once).
          query: (seen) =>
            mark === undefined || mark - OVERLAP_SECONDS < tradesCutoff
              ? { ...from, ...(seen.oldest === undefined ? {} : { max_ts: seen.oldest }), limit: pageSize }
              : undefined,
        },
      ],
      fillSeconds,
      async (fills) => {
        const changed = await writeFills(store, fills, 'rest');
        written.fills += changed;
        return changed;
      },
      (seen) => advance(store, 'fills', seen.newest),
    );
    return readArchive || mark === undefined;
  }

  /** Deposits, withdrawals and transfers: newest first, until a page that holds nothing new and nothing older still pending. */
  async function syncFunding(): Promise<void> {
    const pendingBefore = (table: string) => async (items: Array<Deposit | Withdrawal>, changed: number) => {
      if (changed > 0 || items.length === 0) return false;
      const oldest = Math.min(...items.map((item) => item.created_ts));
      const [row] = await store.all(`SELECT COUNT(*) AS n FROM ${table} WHERE status = 'pending' AND created_ts < ?`, [oldest]);
      return integerOf(row?.['n']) === 0;
    };
    const nothing = async () => {};
    await walk<Deposit>(
      'deposits',
      [{ fetch: async (q) => pageOf(await client.getDeposits(q as never, call), 'deposits'), query: () => ({ limit: fundingPageSize }) }],
      (d) => d.created_ts,
      async (rows) => {
        const changed = await upsert(store, depositsTable, rows);
        written.deposits += changed;
        return changed;
      },
      nothing,
      pendingBefore('deposits'),
    );
    await walk<Withdrawal>(
      'withdrawals',
      [{ fetch: async (q) => pageOf(await client.getWithdrawals(q as never, call), 'withdrawals'), query: () => ({ limit: fundingPageSize }) }],
      (w) => w.created_ts,
      async (rows) => {
        const changed = await upsert(store, withdrawalsTable, rows);
        written.withdrawals += changed;
        return changed;
      },
      nothing,
      pendingBefore('withdrawals'),
    );
    await walk<SubaccountTransfer>(
      'subaccount-transfers',
      [{ fetch: async (q) => pageOf(await client.getSubaccountTransfers(q as never, call), 'transfers'), query: () => ({ limit: pageSize }) }],
      (t) => t.created_ts,
      async (rows) => {
        const changed = await upsert(store, transfersTable, rows);
        written.subaccountTransfers += changed;
        return changed;
      },
      nothing,
      async (items, changed) => changed === 0 && items.length > 0,
    );
  }

  /** Every subaccount's positions and netting into this sync's snapshot; markets no longer listed are carried over as archived. */
  async function syncPositions(readArchive: boolean): Promise<void> {
    const { netting_configs: netting } = await counted(client.getSubaccountNetting(undefined, call));
    await store.transaction(() => upsert(store, nettingSnapshotTable(syncId), netting));
    for (const subaccount of subaccounts) {
      const live = await everyPage(async (cursor) => {
        const page = await client.getPositions({ subaccount, limit: pageSize, ...(cursor ? { cursor } : {}) }, call);
        return { items: page.market_positions, cursor: page.cursor };
      });
      const archived: MarketPosition[] = readArchive
        ? await everyPage(async (cursor) => {
            const page = await client.getHistoricalPositions({ subaccount, limit: pageSize, ...(cursor ? { cursor } : {}) } as never, call);
            return { items: page.market_positions, cursor: page.cursor };
          })
        : [];
      await store.transaction(async () => {
        written.positions += await upsert(store, positionSnapshotTable(syncId), [
          ...live.map((position) => ({ subaccount, archived: false, position })),
          ...archived.map((position) => ({ subaccount, archived: true, position })),
        ]);
        if (previousPositionsId) {
          await store.run(
            `INSERT INTO position_snapshots (sync_id, subaccount, exchange_index, ticker, archived, position_hundredths, realized_micros, fees_micros, wire)
             SELECT ?, subaccount, exchange_index, ticker, 1, position_hundredths, realized_micros, fees_micros, wire FROM position_snapshots
             WHERE sync_id = ? AND subaccount = ? ON CONFLICT (sync_id, subaccount, exchange_index, ticker) DO NOTHING`,
            [syncId, previousPositionsId, subaccount],
          );
        }
      });
    }
  }
}

/** A list answer as a page: its items under `field`, and the next cursor ('' or none on the last page). */
function pageOf<Field extends string, T>(answer: { [K in Field]: T[] } & { cursor?: string | undefined }, field: Field): Page<T> {
  return { items: answer[field], cursor: answer.cursor || undefined };
}

/** Whether any subaccount's cash differs from the previous sync's snapshot (or there is none). */
async function balancesDiffer(store: SqlStore, previousSyncId: string | undefined, balances: SubaccountBalance[]): Promise<boolean> {
  if (previousSyncId === undefined) return true;
  const rows = await store.all('SELECT subaccount, exchange_index, wire FROM balance_snapshots WHERE sync_id = ?', [previousSyncId]);
  const before = new Map(rows.map((row) => [`${integerOf(row['subaccount'])}:${integerOf(row['exchange_index'])}`, (JSON.parse(textOf(row['wire'])!) as SubaccountBalance).balance]));
  return balances.length !== before.size || balances.some((b) => before.get(`${b.subaccount_number}:${b.exchange_index ?? 0}`) !== b.balance);
}
