/**
 * kalshi-portfolio/ledger: the account in a local database (Node only). One SQLite file by
 * default, or PostgreSQL with a postgres:// URL; the drivers are optional peer dependencies,
 * loaded only when a ledger opens on their engine (`npm install better-sqlite3` or `npm install pg`).
 *
 * ```ts
 * import { createKalshiClient } from 'kalshi-portfolio';
 * import { openLedger, sync } from 'kalshi-portfolio/ledger';
 * const ledger = await openLedger('kalshi.sqlite');
 * await sync(client, ledger);
 * for await (const fill of ledger.fills({ since: Date.UTC(2026, 0, 1) / 1000 })) console.log(fill.trade_id);
 * ```
 *
 * @module
 */
export { openLedger, type Ledger, type LedgerPeriod, type LedgerPosition, type LedgerSettlement, type LedgerSnapshot, type OpenLedgerOptions } from './ledger.js';
export { sync, type SyncCounts, type SyncOptions, type SyncReport } from './sync.js';
export { SCHEMA_VERSION } from './migrations/index.js';
export { defaultLedgerPath } from './location.js';
