/**
 * Version 3: fills keyed by (created_us, trade_id) instead of trade_id alone. Trade ids are random
 * UUIDs, so a B-tree keyed by them takes each new fill at a random place: at a million fills a
 * page of 1,000 touched about 1,000 scattered index pages, and writing those out at each commit was
 * most of the insert time (a sync writes a page per transaction so a killed one resumes). Keyed by
 * time, a page of fills lands on a few neighbouring pages, and the time-order index the reads use
 * is this key, so the table has one index fewer.
 *
 * A trade id is still kept once: records.ts's writeFills looks the page's ids up among the fills
 * stored near the page's times (and a streamed fill, whose time is the stream's millisecond, by
 * trade id through `fills_from_stream`, a small partial index over the fills REST has not yet
 * replaced).
 */
import type { Migration } from './migration.js';

const COLUMNS = 'trade_id, order_id, ticker, subaccount, exchange_index, created_us, count_hundredths, yes_price_micros, fee_micros, origin, wire';

export const fillsByTime: Migration = {
  version: 3,
  name: 'fills keyed by time and trade id',
  statements: [
    `CREATE TABLE fills_by_time (
      trade_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      ticker TEXT NOT NULL,
      subaccount INTEGER NOT NULL,
      exchange_index INTEGER NOT NULL,
      created_us BIGINT NOT NULL,
      count_hundredths BIGINT NOT NULL,
      yes_price_micros BIGINT NOT NULL,
      fee_micros BIGINT NOT NULL,
      origin TEXT NOT NULL,
      wire TEXT NOT NULL,
      PRIMARY KEY (created_us, trade_id)
    )`,
    `INSERT INTO fills_by_time (${COLUMNS}) SELECT ${COLUMNS} FROM fills`,
    'DROP TABLE fills',
    'ALTER TABLE fills_by_time RENAME TO fills',
    "CREATE INDEX fills_from_stream ON fills (trade_id) WHERE origin = 'stream'",
  ],
};
