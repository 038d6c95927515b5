/**
 * The server engine: PostgreSQL through `pg` (an optional peer dependency, loaded only when a
 * ledger opens on a postgres:// URL). One connection per ledger. The same portable SQL as SQLite:
 * `?` placeholders become `$1…`, and the integers `pg` hands back as strings (int8, and numeric
 * from SUM) are parsed to bigint here, once.
 */
import type * as Pg from 'pg';
import { KalshiConfigError } from '../index.js';
import type { SqlRow, SqlStore, SqlValue } from './store.js';

/** Migrations take this transaction-scoped advisory lock, so two processes never migrate at once. */
const MIGRATION_LOCK = 7_262_019;
/** Writers of fills take this one (store.ts's serializeWrites). */
const WRITERS_LOCK = 7_262_020;

/** int2, int4, int8 and numeric: parsed to bigint so every integer column reads alike on both engines. */
const INTEGER_TYPES = new Set([21, 23, 20, 1700]);

async function loadDriver(): Promise<typeof Pg> {
  try {
    const name = 'pg';
    const module = (await import(name)) as { default?: typeof Pg } & typeof Pg;
    return module.default ?? module;
  } catch (error) {
    throw new KalshiConfigError('a PostgreSQL ledger needs the pg package: run "npm install pg" beside kalshi-portfolio', { cause: error });
  }
}

/** `?` → `$n`. The ledger's SQL has no `?` inside literals, so every one is a placeholder. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(url: string): Promise<SqlStore> {
  const pg = await loadDriver();
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        INTEGER_TYPES.has(oid) ? (text: string) => BigInt(text) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection that drops later surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new KalshiConfigError(`cannot connect to the PostgreSQL ledger ${redacted(url)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // Each statement with parameters is prepared once per connection under a name of its own, so the
  // server parses and plans a page's 1,000-row INSERT (11,000 parameters) once, not on every page.
  const statements = new Map<string, { name: string; text: string }>();
  const query = (sql: string, params: readonly SqlValue[]) => {
    let statement = statements.get(sql);
    if (statement === undefined) statements.set(sql, (statement = { name: `ledger_${statements.size}`, text: numbered(sql) }));
    if (params.length === 0) return client.query(statement.text);
    const values = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) {
      const value = params[i];
      values[i] = typeof value === 'bigint' ? value.toString() : value;
    }
    return client.query({ ...statement, values });
  };
  let inTransaction = false;
  return {
    engine: 'postgres',
    async run(sql, params = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async all(sql, params = []) {
      return (await query(sql, params)).rows as SqlRow[];
    },
    async transaction<T>(body: () => Promise<T>, options?: { exclusive?: boolean }) {
      if (inTransaction) throw new Error('ledger transactions do not nest');
      inTransaction = true;
      try {
        await client.query('BEGIN');
        try {
          if (options?.exclusive) await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
          const result = await body();
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      } finally {
        inTransaction = false;
      }
    },
    async serializeWrites() {
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITERS_LOCK]);
    },
    async close() {
      await client.end();
    },
  };
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(an unparsable postgres URL)';
  }
}
