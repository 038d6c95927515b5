/**
 * The embedded engine: one SQLite file through better-sqlite3 (an optional peer dependency,
 * loaded only when a ledger opens on a file). WAL mode and a busy timeout let `sync` and
 * `watch --db` write the same file from two processes: readers never block, and a writer waits
 * for the other's transaction instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { KalshiConfigError } from '../index.js';
import type { SqlRow, SqlStore, SqlValue } from './store.js';

/** How long a writer waits for the other process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

async function loadDriver(): Promise<typeof BetterSqlite3> {
  try {
    // A variable name keeps bundlers from pulling the native module into an SDK bundle.
    const name = 'better-sqlite3';
    return ((await import(name)) as { default: typeof BetterSqlite3 }).default;
  } catch (error) {
    throw new KalshiConfigError(
      'the SQLite ledger needs the better-sqlite3 package: run "npm install better-sqlite3@12" beside kalshi-portfolio (or use --db postgres://… with "npm install pg")',
      { cause: error },
    );
  }
}

export async function openSqlite(path: string): Promise<SqlStore> {
  const Database = await loadDriver();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // WAL with synchronous=NORMAL never corrupts and never loses a committed transaction when the
    // process dies (SIGKILL included); only a power cut can drop the last commits.
    db.pragma('synchronous = NORMAL');
    // 32 MB of page cache (the default is 2 MB): a million fills' trade-id index is tens of MB, and
    // each new fill lands at a random place in it.
    db.pragma('cache_size = -32768');
    // Checkpoint (copy the WAL into the database file, with an fsync of each) every 40 MB of WAL
    // instead of every 4 MB: a sync of a million fills writes about a gigabyte, and at the default
    // the fsyncs of ~250 checkpoints were a large part of its commits. What a commit guarantees is
    // unchanged (it is in the WAL either way); the WAL file just grows to about 40 MB.
    db.pragma('wal_autocheckpoint = 10000');
  } catch (error) {
    throw new KalshiConfigError(`cannot open the ledger ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statement.reader) statement.safeIntegers(true);
      statements.set(sql, statement);
    }
    return statement;
  };
  let inTransaction = false;
  return {
    engine: 'sqlite',
    async run(sql: string, params: readonly SqlValue[] = []) {
      // One array argument, not spread: a page of 1,000 fills binds 11,000 values.
      return prepared(sql).run(params as SqlValue[]).changes;
    },
    async all(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).all(params as SqlValue[]) as SqlRow[];
    },
    async transaction<T>(body: () => Promise<T>) {
      if (inTransaction) throw new Error('ledger transactions do not nest');
      inTransaction = true;
      try {
        // IMMEDIATE takes the write lock now, waiting (busy timeout) for another process's writer;
        // a deferred transaction could not wait when it later needs to write.
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await body();
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        inTransaction = false;
      }
    },
    async serializeWrites() {},
    async close() {
      db.close();
    },
  };
}
