/**
 * The ledger's schema, versioned: each migration runs once, in order, in one transaction with its
 * row in `ledger_migrations`, the same statements on both engines. A ledger written by an older
 * version is brought up to date when it opens; one written by a newer version is refused (its
 * schema may mean things this version does not know). Add a migration as the next file; never
 * change a released one.
 */
import { KalshiConfigError } from '../../index.js';
import { type SqlStore, integerOf } from '../store.js';
import { records } from './001-records.js';
import { account } from './002-account.js';
import { fillsByTime } from './003-fills-by-time.js';
import type { Migration } from './migration.js';


export const MIGRATIONS: readonly Migration[] = [records, account, fillsByTime];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies the migrations the ledger lacks, up to `upTo` (the latest by default); resolves to the version it is at. */
export async function migrate(store: SqlStore, upTo: number = SCHEMA_VERSION): Promise<number> {
  return store.transaction(
    async () => {
      await store.run('CREATE TABLE IF NOT EXISTS ledger_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us BIGINT NOT NULL)');
      const [row] = await store.all('SELECT MAX(version) AS version FROM ledger_migrations');
      const current = integerOf(row?.['version']) ?? 0;
      if (current > SCHEMA_VERSION) {
        throw new KalshiConfigError(
          `this ledger has schema version ${current}, written by a newer kalshi-portfolio than this one (which knows up to ${SCHEMA_VERSION}): upgrade kalshi-portfolio to open it`,
        );
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= current || migration.version > upTo) continue;
        for (const statement of migration.statements) await store.run(statement);
        await store.run('INSERT INTO ledger_migrations (version, name, applied_us) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now() * 1000]);
      }
      return Math.max(current, Math.min(upTo, SCHEMA_VERSION));
    },
    { exclusive: true },
  );
}
