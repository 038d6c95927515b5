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

/** A token bucket like Kalshi's Read bucket (the fake's `rateLimit` option). */
export interface RateLimitOptions {
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
  rateLimit?: RateLimitOptions;
}

// ---------------------------------------------------------------- handle

/** An API key registered with the fake: its id and the PKCS#1 PEM private key that signs for it. */
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
  | 'forbidden'
  | 'conflict'
  | 'unauthorized'
  | 'scripted'
  | 'too_many_requests'
  | 'rate_limited'
  | 'server_error'
  | 'connection_reset'
  | 'internal_error';

/** One request as the fake saw it, and how it answered; `fake.requests` lists them in arrival order. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query, as sent (includes `/trade-api/v2`). */
  path: string;
  query: URLSearchParams;
  /**
   * The request body: the parsed JSON value, the raw text when it is not JSON, undefined when
   * there is none.
   */
  body: unknown;
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

/** An answer queued with `fake.queueResponses`, served to the next authenticated request instead of the normal one. */
export type ScriptedResponse =
  | {
      status: number;
      /** An object is sent as JSON; a string is sent as is (text/plain unless `headers` says otherwise). */
      body?: string | object;
      headers?: Record<string, string>;
      /** Send the headers and part of the body, then destroy the socket. */
      destroy?: boolean;
    }
  | {
      /** Handle the request as usual (a write is applied), then cut the answer mid-body: a lost reply. */
      loseAnswer: true;
    };

/** A running fake Kalshi: where it listens, the key it issued, its data and state, what it saw, and `close()`. */
export interface FakeKalshi {
  /** `http://127.0.0.1:${port}/trade-api/v2` */
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
  /** Generates and registers another key pair for the same account. */
  addKey(): Promise<KeyPair>;
  /** The seeded dataset; `cutoff` and the live/historical views follow `setHistoricalCutoff`. */
  data: FakeDataset;
  /**
   * The account as it is now (a fresh copy on every read): cash after transfers, subaccounts,
   * netting, transfer histories, target balance allocation.
   */
  readonly state: AccountSnapshot;
  /**
   * Moves the historical cutoff (ms since the epoch; null = nothing archived). Updates
   * `data.cutoff` and the live/historical views, GET /historical/cutoff and what the live and
   * historical fills and positions endpoints serve, from the next request on.
   */
  setHistoricalCutoff(cutoffMs: number | null): void;
  /** Every request seen, in arrival order (live array). */
  requests: RecordedRequest[];
  /**
   * Queues answers served, in order, to the next requests that reach an operation (authenticated
   * ones, and requests to the unsigned GET /historical/cutoff) instead of the normal answer.
   */
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

export interface MoneyMovement {
  id: string;
  status: 'pending' | 'applied' | 'failed' | 'returned';
  type: 'ach' | 'wire' | 'crypto' | 'debit' | 'apm';
  amount_cents: number;
  fee_cents: number;
  created_ts: number;
  finalized_ts: number | null;
}

export type Deposit = MoneyMovement;
export type Withdrawal = MoneyMovement;

export interface GetDepositsResponse {
  deposits: Deposit[];
  cursor: string;
}

export interface GetWithdrawalsResponse {
  withdrawals: Withdrawal[];
  cursor: string;
}

export interface CreateSubaccountRequest {
  exchange_index?: number;
}

export interface CreateSubaccountResponse {
  subaccount_number: number;
}

export interface SubaccountBalance {
  subaccount_number: number;
  exchange_index: number;
  balance: Dollars;
  updated_ts: number;
}

export interface GetSubaccountBalancesResponse {
  subaccount_balances: SubaccountBalance[];
}

export interface SubaccountNettingConfig {
  subaccount_number: number;
  enabled: boolean;
  exchange_index: number;
}

export interface GetSubaccountNettingResponse {
  netting_configs: SubaccountNettingConfig[];
}

export interface UpdateSubaccountNettingRequest {
  subaccount_number: number;
  enabled: boolean;
}

export interface SubaccountTransfer {
  transfer_id: string;
  from_subaccount: number;
  to_subaccount: number;
  amount_cents: number;
  created_ts: number;
  exchange_index: number;
}

export interface GetSubaccountTransfersResponse {
  transfers: SubaccountTransfer[];
  cursor: string;
}

export interface ApplySubaccountTransferRequest {
  client_transfer_id: string;
  from_subaccount: number;
  to_subaccount: number;
  amount_cents: number;
  exchange_index?: number;
}

export type ExchangeInstance = 'event_contract' | 'margined';
export type IntraExchangeInstanceTransferStatus = 'pending' | 'complete';

export interface IntraExchangeInstanceTransferRequest {
  source: ExchangeInstance;
  destination: ExchangeInstance;
  /** Cents. */
  amount: number;
  source_exchange_shard?: number;
  destination_exchange_shard?: number;
  source_subaccount?: number;
  destination_subaccount?: number;
}

export interface IntraExchangeInstanceTransfer {
  transfer_id: string;
  source: ExchangeInstance;
  destination: ExchangeInstance;
  source_exchange_shard: number;
  destination_exchange_shard: number;
  amount: Dollars;
  status: IntraExchangeInstanceTransferStatus;
  created_ts: number;
}

export interface IntraExchangeInstanceTransferResponse {
  transfer_id: string;
}

export interface GetIntraExchangeInstanceTransferResponse {
  transfer: IntraExchangeInstanceTransfer;
}

export interface GetIntraExchangeInstanceTransfersResponse {
  transfers: IntraExchangeInstanceTransfer[];
  cursor: string;
}

export interface TargetBalanceAllocation {
  exchange_index: number;
  percent: number;
}

export type RestingMarginReservation = 'max' | 'sum';

export interface GetTargetBalanceAllocationResponse {
  allocations: TargetBalanceAllocation[];
  resting_margin_reservation: RestingMarginReservation;
}

export interface SetTargetBalanceAllocationRequest {
  allocations: TargetBalanceAllocation[];
  resting_margin_reservation?: RestingMarginReservation;
}

export interface GetHistoricalCutoffResponse {
  market_settled_ts: string;
  trades_created_ts: string;
  orders_updated_ts: string;
  market_positions_last_updated_ts: string;
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
  /** The market has settled (only settled positions are ever archived). */
  settled: boolean;
  position: MarketPosition;
}

/** An event position together with the subaccount it belongs to (the wire row has none). */
export interface EventPositionEntry {
  subaccount: number;
  position: EventPosition;
}

/** Cash held by one subaccount on one exchange shard (of one exchange instance). */
export interface CashEntry {
  subaccount: number;
  exchange_index: number;
  balance_dollars: Dollars;
}

/** The seeded data a fake serves, to compare a client's results against. */
export interface FakeDataset {
  seed: number;
  /** The dataset's fixed "now", ms since the epoch (derived from the seed, not the wall clock). */
  now: number;
  /** Subaccounts that hold data. */
  subaccounts: number[];
  /** Exchange shards that hold data. */
  exchangeIndexes: number[];
  markets: MarketInfo[];
  /** All fills, all subaccounts, newest first, live and historical. */
  fills: Fill[];
  /**
   * The historical cutoff, ms since the epoch (null: nothing archived). Moved by
   * `FakeKalshi.setHistoricalCutoff`, which also recomputes the views below.
   */
  cutoff: number | null;
  /** Fills created at or after the cutoff: what GET /portfolio/fills serves unfiltered, in order. */
  liveFills: Fill[];
  /** Fills created before the cutoff: what GET /historical/fills serves unfiltered, in order. */
  historicalFills: Fill[];
  /** All settlements, all subaccounts, newest first. */
  settlements: SettlementEntry[];
  /** All market positions, all subaccounts, in served order (grouped by event), live and historical. */
  marketPositions: MarketPositionEntry[];
  /** One per (subaccount, event) that has market positions; aggregates of those markets. */
  eventPositions: EventPositionEntry[];
  /** Market positions GET /portfolio/positions serves: all but the archived ones. */
  liveMarketPositions: MarketPositionEntry[];
  /** Settled market positions last updated before the cutoff (GET /historical/positions). */
  historicalMarketPositions: MarketPositionEntry[];
  /** Event aggregates over the live market positions. */
  liveEventPositions: EventPositionEntry[];
  /** Event aggregates over the historical market positions. */
  historicalEventPositions: EventPositionEntry[];
  /** Seeded cash per (subaccount, exchange index); the current cash is `FakeKalshi.state.cash`. */
  cash: CashEntry[];
  /** Seeded cash on the margined exchange instance (entries that are not zero). */
  marginedCash: CashEntry[];
  /** Seeded answer of GET /portfolio/balance without parameters (subaccount 0, all shards). */
  balance: GetBalanceResponse;
  restingOrderValue: GetPortfolioRestingOrderTotalValueResponse;
  /** Deposits, newest first. */
  deposits: Deposit[];
  /** Withdrawals, newest first. */
  withdrawals: Withdrawal[];
  /** Seeded past transfers between subaccounts, newest first. */
  subaccountTransfers: SubaccountTransfer[];
  /** Seeded past intra-exchange-instance transfers, newest first. */
  intraExchangeTransfers: IntraExchangeInstanceTransfer[];
  /** Seeded netting settings, one per (subaccount, exchange index). */
  netting: SubaccountNettingConfig[];
  /** Seeded target balance allocation. */
  targetBalanceAllocation: GetTargetBalanceAllocationResponse;
}

// ---------------------------------------------------------------- account state

/** The mutable account, as `FakeKalshi.state` shows it. */
export interface AccountSnapshot {
  /** Existing subaccounts, ascending (0 = primary); created ones are added. */
  subaccounts: number[];
  /** Current event-contract cash per (subaccount, exchange index), for every subaccount and shard. */
  cash: CashEntry[];
  /** Current cash on the margined exchange instance (entries that are not zero). */
  marginedCash: CashEntry[];
  netting: SubaccountNettingConfig[];
  /** Seeded plus applied transfers between subaccounts, newest first. */
  subaccountTransfers: SubaccountTransfer[];
  /** client_transfer_id of every transfer applied at runtime (a repeat is answered 409). */
  clientTransferIds: string[];
  /** Seeded plus requested intra-exchange-instance transfers, newest first. */
  intraExchangeTransfers: IntraExchangeInstanceTransfer[];
  targetBalanceAllocation: GetTargetBalanceAllocationResponse;
}
