/** What `startFakeKalshi` takes: sizes of the seeded data, and how the server behaves. */

import type { ApiUsageLevelGrant } from '../data/wire-types.js';

/** Seeded misbehaviour (the `faults` option): shares of requests answered badly, and stream faults. */
export interface FaultOptions {
  /** Share (0..1) of authenticated requests answered 429 `{"error":"too many requests"}`. */
  tooManyRequests?: number;
  /** Share (0..1) answered 500/502/503 with a nested JSON error, an HTML page or an empty body. */
  serverErrors?: number;
  /** Share (0..1) whose connection is cut after the headers and part of the body. */
  connectionResets?: number;
  /** Delay, in milliseconds, added before every answer. */
  latencyMs?: number;
  /**
   * REST trails the stream by this many ms, as Kalshi's does: a trade is on the WebSocket at once,
   * but GET /portfolio/fills and /portfolio/orders show it only `restLagMs` later, and
   * GET /exchange/user_data_timestamp says so (its `as_of_time` is that much behind). Positions
   * and balances are not held back. Default 0.
   */
  restLagMs?: number;
  /**
   * The stream: every WebSocket connection is ended abruptly (no close frame; the client sees
   * 1006) this many ms after it opened. Default: never.
   */
  streamDropEveryMs?: number;
  /**
   * The stream: share (0..1) of data messages (`fill`, `market_position`, `user_order`) silently
   * never sent, each connection's drawn on its own from a seeded stream. The trades still happen
   * (REST shows them). Replies and errors are never lost. Default 0.
   */
  streamLostMessages?: number;
  /** The stream: connections that go half-open. Default: none. */
  streamStall?: StreamStallOptions;
}

/**
 * Half-open stream connections: `afterMs` after it opened, a stalled connection stops sending
 * (data, replies, pings) and stops reading (commands, pings and close frames go unanswered), but
 * never closes; it does not recover. Which connections stall is drawn from a seeded stream, one
 * draw per connection as it opens.
 */
export interface StreamStallOptions {
  /** Ms after the connection opened. */
  afterMs: number;
  /** Share (0..1) of connections that stall (default 1: every one). */
  share?: number;
}

/** Trades the fake makes by itself, in the background: for demos of the live stream. */
export interface FakeActivityOptions {
  /** Trades per second (more than 0, at most 1000), on seeded random open markets. */
  fillsPerSecond: number;
}

/** One token bucket: a continuous refill rate and a size, in the fake's tokens (`costPerRequest` per request). */
export interface FakeBucketOptions {
  /** Continuous refill rate of the bucket. */
  tokensPerSecond: number;
  /** Bucket size; the bucket starts full. */
  capacity: number;
}

/** A grant of a higher API usage tier, as GET /account/limits lists it. */
export type FakeApiGrant = ApiUsageLevelGrant;

/**
 * Token buckets like Kalshi's (the fake's `rateLimit` option): reads (GET) draw from the Read
 * bucket, writes (POST, PUT, DELETE) from the Write bucket, and the server refuses (429) what a
 * bucket cannot pay for. GET /account/limits reports both, in Kalshi's units. Not the client's
 * `rateLimit` option, which paces requests.
 */
export interface FakeRateLimitOptions extends FakeBucketOptions {
  /** Tokens one request costs (default 10). */
  costPerRequest?: number;
  /** The Write bucket. Default: a bucket of its own with the Read bucket's settings. */
  write?: FakeBucketOptions;
  /** `usage_tier` of GET /account/limits (default "basic"). */
  usageTier?: string;
  /** `grants` of GET /account/limits (default none). */
  grants?: FakeApiGrant[];
}

/** Options of {@link startFakeKalshi}; every one has a default, so `startFakeKalshi()` alone is useful. */
export interface FakeKalshiOptions {
  /** Seed for data and faults (default 1). */
  seed?: number;
  /** Number of fills, exactly (default 250). */
  fills?: number;
  /**
   * Settled (subaccount, market) histories (default 60), each with a settlement row and a position
   * record; fewer when there are fewer fills than histories to trade.
   */
  settlements?: number;
  /**
   * Position records in markets not settled yet, across subaccounts (default 40): held, closed out,
   * or only resting orders. `data.marketPositions` holds these plus one per settled history.
   */
  marketPositions?: number;
  /** Number of deposits (default 40). */
  deposits?: number;
  /** Number of withdrawals (default 15). */
  withdrawals?: number;
  /** Number of past transfers between subaccounts (default 30; more if funding the trading needs more). */
  subaccountTransfers?: number;
  /** Number of past intra-exchange-instance transfers (default 12; more if funding the trading needs more). */
  intraExchangeTransfers?: number;
  /**
   * Age of the historical cutoff in days before the data's "now" (default 90). Fills created
   * before the cutoff, and settled market positions last updated before it, leave the live
   * endpoints for GET /historical/fills and /historical/positions. `null`: nothing is archived.
   */
  historicalCutoffDays?: number | null;
  /**
   * Operations answered 403 (nested shape, code `forbidden`) as for an account without access,
   * by operationId, e.g. ['intraExchangeInstanceTransfer', 'getTargetBalanceAllocation'].
   * Default: none.
   */
  forbidden?: string[];
  /** Port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  /** Accepted clock skew of KALSHI-ACCESS-TIMESTAMP in ms (default 10 000). */
  timestampWindowMs?: number;
  /**
   * How far the fake's clock runs from this machine's, in ms (default 0; negative: behind). It
   * judges KALSHI-ACCESS-TIMESTAMP, and stamps its `Date` header, by its own clock: a server whose
   * clock differs from a laptop's, to test how a client copes with skew.
   */
  clockOffsetMs?: number;
  /** Interval of the stream's ping frames in ms (default 10 000, as Kalshi; 0 = no pings). */
  streamPingMs?: number;
  /** Trades in the background until `close()`. Default: none (trades happen only by `fake.trade()`). */
  activity?: FakeActivityOptions;
  faults?: FaultOptions;
  /**
   * Read and Write token buckets (default: none, nothing is refused). GET /account/limits
   * reports them; without them it reports Kalshi's basic tier, which the fake does not enforce.
   */
  rateLimit?: FakeRateLimitOptions;
}
