/** What `startFakeKalshi` takes: sizes of the seeded data, and how the server behaves. */

export interface FaultOptions {
  /** Share (0..1) of authenticated requests answered 429 `{"error":"too many requests"}`. */
  tooManyRequests?: number;
  /** Share (0..1) answered 500/502/503 with a nested JSON error, an HTML page or an empty body. */
  serverErrors?: number;
  /** Share (0..1) whose connection is cut after the headers and part of the body. */
  connectionResets?: number;
  /** Delay, in milliseconds, added before every answer. */
  latencyMs?: number;
}

/**
 * A token bucket like Kalshi's Read bucket (the fake's `rateLimit` option): the server refuses
 * what the bucket cannot pay for. Not the client's `rateLimit` option, which paces requests.
 */
export interface FakeRateLimitOptions {
  /** Continuous refill rate of the bucket. */
  tokensPerSecond: number;
  /** Bucket size; the bucket starts full. */
  capacity: number;
  /** Tokens one request costs (default 10). */
  costPerRequest?: number;
}

/** Options of {@link startFakeKalshi}; every one has a default, so `startFakeKalshi()` alone is useful. */
export interface FakeKalshiOptions {
  /** Seed for data and faults (default 1). */
  seed?: number;
  /** Number of fills (default 250). */
  fills?: number;
  /** Number of settlements (default 60). */
  settlements?: number;
  /** Number of market positions across subaccounts (default 40). */
  marketPositions?: number;
  /** Number of deposits (default 40). */
  deposits?: number;
  /** Number of withdrawals (default 15). */
  withdrawals?: number;
  /** Number of past transfers between subaccounts (default 30). */
  subaccountTransfers?: number;
  /** Number of past intra-exchange-instance transfers (default 12). */
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
  faults?: FaultOptions;
  rateLimit?: FakeRateLimitOptions;
}
