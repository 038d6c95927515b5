/**
 * The one narrow interface between the ledger and a database engine. The ledger speaks portable
 * SQL through it (`?` placeholders, `ON CONFLICT`, BIGINT and TEXT columns only); each adapter
 * (sqlite.ts, postgres.ts) translates what its driver needs and normalises what it returns, here
 * at the edge and nowhere else: every integer column comes back as a `bigint` (better-sqlite3 in
 * safe-integer mode; `pg`'s int8 and numeric strings parsed), every text column as a string.
 */

/** A value bound to a placeholder. Money and counts travel as bigint micro-dollars and hundredths. */
export type SqlValue = string | number | bigint | null;

/** A row as the adapters hand it back: integers as bigint, text as string, NULL as null. */
export type SqlRow = Record<string, string | bigint | null>;

export interface SqlStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs one statement and resolves to the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one query and resolves to its rows. */
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /**
   * Runs `body` in one transaction that holds the right to write from its start (SQLite's
   * BEGIN IMMEDIATE, waiting out another process's writer; PostgreSQL's row locks, plus an
   * advisory lock when `exclusive`, which migrations take so two processes never migrate at once).
   * Commits when `body` resolves, rolls back when it rejects. Not reentrant.
   */
  transaction<T>(body: () => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  /**
   * Inside a transaction: waits until no other process's transaction that called it is still
   * open, so a read-then-write (is this trade id stored yet?) cannot interleave with another
   * writer's. SQLite has nothing to do (BEGIN IMMEDIATE already lets one writer in at a time);
   * PostgreSQL takes a transaction-scoped advisory lock.
   */
  serializeWrites(): Promise<void>;
  close(): Promise<void>;
}

/** The integer a column holds, as a number (timestamps, subaccounts, versions: all well inside 2^53). */
export function integerOf(value: string | bigint | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** A text column's value. */
export function textOf(value: string | bigint | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
