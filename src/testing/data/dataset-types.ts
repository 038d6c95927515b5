/**
 * The seeded dataset as `fake.data` shows it: wire rows plus what the wire rows leave out (which
 * subaccount owns a row, which event a position belongs to), so tests can compare a client's
 * results against it.
 */

import type {
  Deposit, Dollars, EventPosition, Fill, GetBalanceResponse, GetPortfolioRestingOrderTotalValueResponse,
  GetTargetBalanceAllocationResponse, IntraExchangeInstanceTransfer, MarketPosition, Order, OrderGroup, OrderQueuePosition,
  Settlement, SubaccountNettingConfig, SubaccountTransfer, Withdrawal,
} from './wire-types.js';

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

/** An order group together with the subaccount that owns it (the wire row has none). */
export interface OrderGroupEntry {
  subaccount: number;
  group: OrderGroup;
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
  /** The account's user id (orders and the stream's position and order messages carry it). */
  userId: string;
  /**
   * All orders, all subaccounts, newest first (by creation), live and historical: the orders behind
   * every fill (runtime trades included), canceled ones, and the resting ones.
   */
  orders: Order[];
  /** Orders GET /portfolio/orders serves: resting ones, and those finished at or after the cutoff. */
  liveOrders: Order[];
  /** Orders canceled or fully executed before the cutoff (GET /historical/orders). */
  historicalOrders: Order[];
  /** One per resting order, in the orders' order. */
  queuePositions: OrderQueuePosition[];
  /** Order groups; an order names its group in `order_group_id`. */
  orderGroups: OrderGroupEntry[];
  /** Seeded cash per (subaccount, exchange index); the current cash is `FakeKalshi.state.cash`. */
  cash: CashEntry[];
  /** Seeded cash on the margined exchange instance (entries that are not zero). */
  marginedCash: CashEntry[];
  /** Seeded answer of GET /portfolio/balance without parameters (subaccount 0, all shards). */
  balance: GetBalanceResponse;
  /** The value of the resting orders among `orders` (what GET /portfolio/summary/total_resting_order_value serves). */
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
