/**
 * What the P&L engine reads and what it answers. The input is Kalshi's own wire shapes (the
 * generated schema types), so the same rows come from a live client or from a local ledger.
 * Money in answers is integer micro-dollars (`bigint`), counts integer hundredths of a contract.
 */
import type {
  Deposit,
  Fill,
  IntraExchangeInstanceTransfer,
  MarketPosition,
  Settlement,
  SubaccountBalance,
  SubaccountNettingConfig,
  SubaccountTransfer,
  Withdrawal,
} from '../../generated/schema.js';

/** A settlement row, with the subaccount it was read for when known (Kalshi's row does not carry it). */
export type PnlSettlement = Settlement & { subaccount_number?: number | null };

/** A market position, with the subaccount it was read for (`GET /portfolio/positions?subaccount=n`; absent = primary). */
export type PnlPosition = MarketPosition & { subaccount_number?: number | null };

/**
 * Public market data for marking open lots (`GET /markets/{ticker}`): the fields the engine uses.
 * The mark is the mid of `yes_bid_dollars`/`yes_ask_dollars` when both are there, else
 * `last_price_dollars`; a settled market is marked at its result.
 */
export interface PnlMarketPrice {
  ticker: string;
  event_ticker?: string;
  status?: string;
  result?: string;
  last_price_dollars?: string;
  yes_bid_dollars?: string;
  yes_ask_dollars?: string;
}

/**
 * A whole account's history, as Kalshi's endpoints return it. Only `fills` is required; the rest
 * adds settlements (closing prices), marks, and the reconciliations that need them.
 */
export interface PnlInput {
  /** Every fill of every subaccount, live and archived, in any order. */
  fills: Iterable<Fill>;
  settlements?: Iterable<PnlSettlement>;
  deposits?: Iterable<Deposit>;
  withdrawals?: Iterable<Withdrawal>;
  transfers?: Iterable<SubaccountTransfer>;
  /** Transfers between exchange instances (`GET /portfolio/intra_exchange_instance_transfers`): the primary account's cash moving to or from the margined instance, which the balances do not cover. */
  intraTransfers?: Iterable<IntraExchangeInstanceTransfer>;
  /** Kalshi's market positions (live and archived) per subaccount: reconciliation and estimated fees. */
  positions?: Iterable<PnlPosition>;
  /** The cash now, per subaccount and shard (`GET /portfolio/subaccounts/balances`). */
  balances?: Iterable<SubaccountBalance>;
  /** Which subaccounts net YES against NO; a subaccount not listed nets (Kalshi's default). */
  netting?: Iterable<SubaccountNettingConfig>;
  /** Current public prices of the markets with open lots. */
  markets?: Iterable<PnlMarketPrice>;
}

/** How closing contracts are matched to what was bought. */
export type CostMethod = 'fifo' | 'average';

export interface PnlOptions {
  /** `fifo` (default): the oldest open contracts close first; `average`: at the pool's average cost. */
  method?: CostMethod;
  /** Period start, Unix seconds, inclusive (default: the beginning). */
  since?: number;
  /** Period end, Unix seconds, inclusive (default: the end of the history). */
  until?: number;
  /** Keep every closed lot in the answer (for `export lots` and the report); off for a bare total. */
  lots?: boolean;
}

/** One side of a market's holdings. */
export type LotSide = 'yes' | 'no';

/** Where an open lot's mark came from. */
export type MarkSource = 'market' | 'settled' | 'cost';

/** The figures every grouping reports, in micro-dollars. */
export interface PnlFigures {
  /** Proceeds − cost of the contracts closed in the period (by sale, netting or settlement), before fees. */
  realizedGross: bigint;
  /** Trading fees paid by the fills of the period (cash basis: when the fill paid them). */
  fees: bigint;
  /** Part of `fees` estimated from a market's `fees_paid_dollars` (archived fills without `fee_cost`). */
  estimatedFees: bigint;
  /** realizedGross − fees. */
  realizedNet: bigint;
  /** Mark − cost of the contracts open at the period's end. */
  unrealized: bigint;
  /** Cost of the contracts open at the period's end. */
  openCost: bigint;
  /** realizedNet + unrealized. */
  total: bigint;
  /** Contracts closed in the period, hundredths. */
  closedCount: bigint;
}

export type GroupBy = 'market' | 'event' | 'series' | 'month' | 'year' | 'subaccount';

export interface PnlGroup extends PnlFigures {
  /** The market ticker, event ticker, series ticker, `YYYY-MM`, `YYYY` or subaccount number. */
  key: string;
}

/** A closed piece of a lot: what was bought, when, and what closing it gave. */
export interface ClosedLot {
  subaccount: number;
  ticker: string;
  side: LotSide;
  /** Unix seconds of the fill that opened it (average cost: of the pool's oldest open contract). */
  acquired: number;
  /** Unix seconds of the fill or settlement that closed it. */
  disposed: number;
  /** Hundredths of a contract. */
  count: bigint;
  proceeds: bigint;
  cost: bigint;
  /** The opening and closing fills' fees, pro rata to the contracts. */
  fees: bigint;
  /** proceeds − cost − fees. */
  gain: bigint;
  /** How it closed: a fill of the other direction, or the market's settlement. */
  closedBy: 'fill' | 'settlement';
  /** Some of `fees` is estimated (see PnlFigures.estimatedFees). */
  feesEstimated: boolean;
}

export interface OpenLot {
  subaccount: number;
  ticker: string;
  side: LotSide;
  acquired: number;
  count: bigint;
  cost: bigint;
  /** Value at the mark; equals `cost` when marked at cost. */
  value: bigint;
  mark: MarkSource;
}

/** Ours vs Kalshi's for one market of one subaccount. `difference` = ours − Kalshi's. */
export interface MarketReconciliation {
  subaccount: number;
  ticker: string;
  /** Running position from fills (YES − NO), hundredths, vs `position_fp`. */
  position: { ours: bigint; kalshi: bigint; difference: bigint };
  /** Fee-free realized P&L over the whole history vs `realized_pnl_dollars`. */
  realized: { ours: bigint; kalshi: bigint; difference: bigint };
  /** Sum of the fills' `fee_cost` vs `fees_paid_dollars`. */
  fees: { ours: bigint; kalshi: bigint; difference: bigint };
  /** The fills do not explain the position (history missing before the first fill we have). */
  incomplete: boolean;
}

/** The cash identity over the whole history, micro-dollars. */
export interface CashReconciliation {
  /** Cash now, summed over the subaccounts and shards given. */
  balance: bigint;
  deposits: bigint;
  depositFees: bigint;
  withdrawals: bigint;
  withdrawalFees: bigint;
  /** Net cash of the fills before fees: −count × price paid, + $1 per contract netted away. */
  fillCash: bigint;
  /** Sum of the settlements' `revenue`. */
  settlementRevenue: bigint;
  /** Sum of the fills' fees (including estimates). */
  fees: bigint;
  /** Transfers into − out of the subaccounts given (zero when every subaccount is counted). */
  transfers: bigint;
  /** Complete intra-exchange transfers into − out of the event-contract instance (primary account only). */
  intraTransfers: bigint;
  /** deposits − depositFees − withdrawals − withdrawalFees + fillCash + settlementRevenue − fees + transfers + intraTransfers. */
  expected: bigint;
  /** balance − expected: interest, rewards and collateral returns, which no portfolio endpoint lists. */
  residual: bigint;
}

export interface PnlReconciliation {
  markets: MarketReconciliation[];
  /** Markets (subaccount/ticker) whose history looks incomplete, with why. */
  incomplete: { subaccount: number; ticker: string; reason: string }[];
  /** Absent when no balance was given. */
  cash?: CashReconciliation;
}

/** One UTC day's figures, for charts over time. */
export interface PnlDay {
  /** `YYYY-MM-DD`. */
  day: string;
  realizedGross: bigint;
  fees: bigint;
}

export interface PnlResult {
  method: CostMethod;
  since: number | undefined;
  until: number | undefined;
  totals: PnlFigures;
  /** Per market, in the period and open at its end (market, event, series and subaccount keys in each). */
  markets: MarketPnl[];
  /** Realized figures per UTC day of the period, oldest first. */
  days: PnlDay[];
  /** Only with `lots: true`. */
  closedLots: ClosedLot[];
  openLots: OpenLot[];
  reconciliation: PnlReconciliation;
  /** Fills read, and fills ignored (after their market settled). */
  fillCount: number;
  warnings: string[];
}

export interface MarketPnl extends PnlFigures {
  subaccount: number;
  ticker: string;
  event: string;
  series: string;
  /** Position at the period's end, YES − NO, hundredths. */
  position: bigint;
  /** Months (`YYYY-MM`) with realized figures in the period, for grouping by month and year. */
  months: Map<string, { realizedGross: bigint; fees: bigint; estimatedFees: bigint; closedCount: bigint }>;
}
