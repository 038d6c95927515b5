/**
 * Types of the fake Kalshi server: its options and handle, the recorded
 * requests, and the wire models it serves (kept local so the fake does not
 * depend on the generated client).
 */

// ---------------------------------------------------------------- options

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

export interface RateLimitOptions {
  /** Continuous refill rate of the bucket. */
  tokensPerSecond: number;
  /** Bucket size; the bucket starts full. */
  capacity: number;
  /** Tokens one request costs (default 10). */
  costPerRequest?: number;
}

export interface FakeKalshiOptions {
  /** Seed for data and faults (default 1). */
  seed?: number;
  /** Number of fills (default 250). */
  fills?: number;
  /** Number of settlements (default 60). */
  settlements?: number;
  /** Number of market positions across subaccounts (default 40). */
  marketPositions?: number;
  /** Port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  /** Accepted clock skew of KALSHI-ACCESS-TIMESTAMP in ms (default 10 000). */
  timestampWindowMs?: number;
  faults?: FaultOptions;
  rateLimit?: RateLimitOptions;
}

// ---------------------------------------------------------------- handle

export interface KeyPair {
  keyId: string;
  /** PKCS#1 PEM ("-----BEGIN RSA PRIVATE KEY-----"), RSA 2048. */
  privateKeyPem: string;
}

/** How the fake answered a request. */
export type RequestOutcome =
  | 'ok'
  | 'preflight'
  | 'bad_request'
  | 'not_found'
  | 'unauthorized'
  | 'scripted'
  | 'too_many_requests'
  | 'rate_limited'
  | 'server_error'
  | 'connection_reset'
  | 'internal_error';

export interface RecordedRequest {
  method: string;
  /** URL path without the query, as sent (includes `/trade-api/v2`). */
  path: string;
  query: URLSearchParams;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** Status written (0 if no answer was written, e.g. the server closed first). */
  status: number;
  signature: string | undefined;
  timestamp: string | undefined;
  keyId: string | undefined;
  outcome: RequestOutcome | undefined;
  /** Wall-clock arrival time, ms since the epoch. */
  receivedAt: number;
}

export interface ScriptedResponse {
  status: number;
  /** An object is sent as JSON; a string is sent as is (text/plain unless `headers` says otherwise). */
  body?: string | object;
  headers?: Record<string, string>;
  /** Send the headers and part of the body, then destroy the socket. */
  destroy?: boolean;
}

export interface FakeKalshi {
  /** `http://127.0.0.1:${port}/trade-api/v2` */
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
  /** Generates and registers another key pair for the same account. */
  addKey(): Promise<KeyPair>;
  data: FakeDataset;
  /** Every request seen, in arrival order (live array). */
  requests: RecordedRequest[];
  /** Queues answers served, in order, to the next authenticated requests instead of the normal answer. */
  queueResponses(...responses: ScriptedResponse[]): void;
  /** Closes the server and every open socket, idle keep-alive ones included. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------- wire models

export type Dollars = string;
export type Count = string;

export interface IndexedBalance {
  exchange_index: number;
  balance: Dollars;
}

export interface GetBalanceResponse {
  balance: number;
  balance_dollars: Dollars;
  portfolio_value: number;
  updated_ts: number;
  balance_breakdown: IndexedBalance[];
}

export interface Fill {
  fill_id: string;
  trade_id: string;
  order_id: string;
  ticker: string;
  market_ticker: string;
  exchange_index: number;
  side: 'yes' | 'no';
  action: 'buy' | 'sell';
  outcome_side: 'yes' | 'no';
  book_side: 'bid' | 'ask';
  count_fp: Count;
  yes_price_dollars: Dollars;
  no_price_dollars: Dollars;
  is_taker: boolean;
  created_time: string;
  fee_cost: Dollars;
  subaccount_number: number;
  ts: number;
}

export interface GetFillsResponse {
  fills: Fill[];
  cursor: string;
}

export interface GetPortfolioRestingOrderTotalValueResponse {
  total_resting_order_value: number;
  resting_order_value_breakdown: IndexedBalance[];
}

export interface MarketPosition {
  ticker: string;
  exchange_index: number;
  total_traded_dollars: Dollars;
  position_fp: Count;
  market_exposure_dollars: Dollars;
  realized_pnl_dollars: Dollars;
  fees_paid_dollars: Dollars;
  last_updated_ts: string;
  /** Not in Kalshi's documents, but sent by the real server. */
  resting_orders_count: number;
}

export interface EventPosition {
  event_ticker: string;
  total_cost_dollars: Dollars;
  total_cost_shares_fp: Count;
  event_exposure_dollars: Dollars;
  realized_pnl_dollars: Dollars;
  fees_paid_dollars: Dollars;
}

export interface GetPositionsResponse {
  cursor: string;
  market_positions: MarketPosition[];
  event_positions: EventPosition[];
}

export interface Settlement {
  ticker: string;
  exchange_index: number;
  event_ticker: string;
  market_result: 'yes' | 'no' | 'scalar';
  yes_count_fp: Count;
  yes_total_cost_dollars: Dollars;
  no_count_fp: Count;
  no_total_cost_dollars: Dollars;
  revenue: number;
  settled_time: string;
  fee_cost: Dollars;
  value: number | null;
}

export interface GetSettlementsResponse {
  settlements: Settlement[];
  cursor: string;
}

// ---------------------------------------------------------------- dataset

/** A market the dataset refers to (reference data, not served by the five portfolio routes). */
export interface MarketInfo {
  ticker: string;
  event_ticker: string;
  series_ticker: string;
  exchange_index: number;
  /** Unix seconds. */
  open_ts: number;
  close_ts: number;
  /** When the market settles (may lie after `FakeDataset.now`). */
  settlement_ts: number;
  /** Outcome, also for markets not settled yet (the fake knows the future). */
  result: 'yes' | 'no' | 'scalar';
  /** Payout of one YES contract in cents. */
  value: number;
}

/** A settlement row plus the subaccount it belongs to (the wire row has no subaccount). */
export interface SettlementEntry {
  subaccount: number;
  settlement: Settlement;
}

/** A market position plus its owner and event (the wire row has neither). */
export interface MarketPositionEntry {
  subaccount: number;
  event_ticker: string;
  /** Close time of the event (Unix seconds); positions are ordered by it, newest first. */
  event_close_ts: number;
  position: MarketPosition;
}

export interface EventPositionEntry {
  subaccount: number;
  position: EventPosition;
}

/** Cash held by one subaccount on one exchange shard. */
export interface CashEntry {
  subaccount: number;
  exchange_index: number;
  balance_dollars: Dollars;
}

export interface FakeDataset {
  seed: number;
  /** The dataset's fixed "now", ms since the epoch (derived from the seed, not the wall clock). */
  now: number;
  /** Subaccounts that hold data. */
  subaccounts: number[];
  /** Exchange shards that hold data. */
  exchangeIndexes: number[];
  markets: MarketInfo[];
  /** All fills, all subaccounts, newest first (the unfiltered order of GET /portfolio/fills). */
  fills: Fill[];
  /** All settlements, all subaccounts, newest first. */
  settlements: SettlementEntry[];
  /** All market positions, all subaccounts, in served order (grouped by event). */
  marketPositions: MarketPositionEntry[];
  /** One per (subaccount, event) that has market positions; aggregates of those markets. */
  eventPositions: EventPositionEntry[];
  /** Cash per (subaccount, exchange index). */
  cash: CashEntry[];
  /** What GET /portfolio/balance answers without parameters (subaccount 0, all shards). */
  balance: GetBalanceResponse;
  restingOrderValue: GetPortfolioRestingOrderTotalValueResponse;
}
