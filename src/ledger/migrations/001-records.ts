/**
 * Version 1: the account's records and the snapshots of each sync. Portable DDL: only TEXT,
 * INTEGER and BIGINT columns (SQLite reads BIGINT as INTEGER affinity), composite primary keys,
 * no autoincrement (sync ids are made by the client). Money is integer micro-dollars, counts
 * integer hundredths of a contract, times integer microseconds (`_us`) or seconds (`_ts`).
 * Every record keeps Kalshi's JSON (`wire`) beside the columns that index and order it, so a read
 * gives back exactly what Kalshi sent.
 */
import type { Migration } from './migration.js';

export const records: Migration = {
  version: 1,
  name: 'records and sync snapshots',
  statements: [
    `CREATE TABLE fills (
      trade_id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL,
      ticker TEXT NOT NULL,
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      created_us BIGINT NOT NULL,
      count_hundredths BIGINT NOT NULL,
      yes_price_micros BIGINT NOT NULL,
      fee_micros BIGINT NOT NULL,
      origin TEXT NOT NULL,
      wire TEXT NOT NULL
    )`,
    'CREATE INDEX fills_in_time_order ON fills (created_us, trade_id)',
    `CREATE TABLE settlements (
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      ticker TEXT NOT NULL,
      event_ticker TEXT NOT NULL,
      market_result TEXT NOT NULL,
      settled_us BIGINT NOT NULL,
      revenue_micros BIGINT NOT NULL,
      fee_micros BIGINT NOT NULL,
      wire TEXT NOT NULL,
      PRIMARY KEY (subaccount, exchange_index, ticker)
    )`,
    'CREATE INDEX settlements_in_time_order ON settlements (settled_us, subaccount, ticker)',
    `CREATE TABLE orders (
      order_id TEXT PRIMARY KEY,
      subaccount INTEGER NOT NULL,
      ticker TEXT NOT NULL,
      status TEXT NOT NULL,
      created_us BIGINT NOT NULL,
      fill_count_hundredths BIGINT NOT NULL,
      wire TEXT NOT NULL
    )`,
    'CREATE INDEX orders_in_time_order ON orders (created_us, order_id)',
    'CREATE INDEX orders_by_status ON orders (status)',
    ...['deposits', 'withdrawals'].map(
      (table) => `CREATE TABLE ${table} (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      amount_micros BIGINT NOT NULL,
      fee_micros BIGINT NOT NULL,
      created_ts BIGINT NOT NULL,
      wire TEXT NOT NULL
    )`,
    ),
    `CREATE TABLE subaccount_transfers (
      transfer_id TEXT PRIMARY KEY,
      from_subaccount INTEGER NOT NULL,
      to_subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      amount_micros BIGINT NOT NULL,
      created_ts BIGINT NOT NULL,
      wire TEXT NOT NULL
    )`,
    `CREATE TABLE syncs (
      sync_id TEXT PRIMARY KEY,
      started_us BIGINT NOT NULL,
      finished_us BIGINT,
      positions_sync_id TEXT,
      requests BIGINT NOT NULL
    )`,
    `CREATE TABLE balance_snapshots (
      sync_id TEXT NOT NULL,
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      balance_micros BIGINT NOT NULL,
      wire TEXT NOT NULL,
      PRIMARY KEY (sync_id, subaccount, exchange_index)
    )`,
    `CREATE TABLE position_snapshots (
      sync_id TEXT NOT NULL,
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      ticker TEXT NOT NULL,
      archived INTEGER NOT NULL,
      position_hundredths BIGINT NOT NULL,
      realized_micros BIGINT NOT NULL,
      fees_micros BIGINT NOT NULL,
      wire TEXT NOT NULL,
      PRIMARY KEY (sync_id, subaccount, exchange_index, ticker)
    )`,
    `CREATE TABLE netting_snapshots (
      sync_id TEXT NOT NULL,
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      enabled INTEGER NOT NULL,
      PRIMARY KEY (sync_id, subaccount, exchange_index)
    )`,
    'CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  ],
};
