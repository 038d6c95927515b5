/**
 * The wire models the fake serves and reads, derived from the spec's generated types
 * (generated/schema.ts) so they cannot drift from it by accident.
 *
 * The fake always sends every field, so a response type is the spec's with every field required,
 * and narrowed where the fake promises more than the spec (marked below). conformance.ts checks
 * at compile time that each still fits the spec. The request types are the fake's own, on
 * purpose: they say what its routes read, and conformance.ts checks the spec's requests against
 * them the other way round.
 */

import type { components } from '../../../generated/schema.js';

type Spec = components['schemas'];

/** A spec schema as the fake sends it: every field present, with `Narrowed` replacing or adding fields. */
export type Sent<Schema, Narrowed = Record<never, never>> = Omit<Required<Schema>, keyof Narrowed> & Narrowed;

// ---------------------------------------------------------------- responses

export type Dollars = Spec['FixedPointDollars'];

export type GetBalanceResponse = Sent<Spec['GetBalanceResponse']>;

/**
 * The spec allows fills without an owner (or a null one); every fill of the fake has one. The
 * deprecated `side` and `action` are left out of some fills, as Kalshi may.
 */
export type Fill = Sent<Spec['Fill'], { subaccount_number: number; side?: Spec['Fill']['side']; action?: Spec['Fill']['action'] }>;
export type GetFillsResponse = Sent<Spec['GetFillsResponse'], { fills: Fill[] }>;

export type GetPortfolioRestingOrderTotalValueResponse = Spec['GetPortfolioRestingOrderTotalValueResponse'];

export type MarketPosition = Sent<Spec['MarketPosition'], {
  /** Not in Kalshi's documents, but sent by the real server. */
  resting_orders_count: number;
}>;
export type EventPosition = Spec['EventPosition'];
export type GetPositionsResponse = Sent<Spec['GetPositionsResponse'], { market_positions: MarketPosition[] }>;

export type Settlement = Sent<Spec['Settlement']>;
export type GetSettlementsResponse = Sent<Spec['GetSettlementsResponse'], { settlements: Settlement[] }>;

/** A deposit or a withdrawal: the two share one shape, and one generator makes both. */
export type MoneyMovement = Sent<Spec['Deposit']> & Sent<Spec['Withdrawal']>;
export type Deposit = MoneyMovement;
export type Withdrawal = MoneyMovement;
export type GetDepositsResponse = Sent<Spec['GetDepositsResponse'], { deposits: Deposit[] }>;
export type GetWithdrawalsResponse = Sent<Spec['GetWithdrawalsResponse'], { withdrawals: Withdrawal[] }>;

export type CreateSubaccountResponse = Spec['CreateSubaccountResponse'];
export type SubaccountBalance = Spec['SubaccountBalance'];
export type GetSubaccountBalancesResponse = Spec['GetSubaccountBalancesResponse'];
export type SubaccountNettingConfig = Spec['SubaccountNettingConfig'];
export type GetSubaccountNettingResponse = Spec['GetSubaccountNettingResponse'];
export type SubaccountTransfer = Spec['SubaccountTransfer'];
export type GetSubaccountTransfersResponse = Sent<Spec['GetSubaccountTransfersResponse']>;

export type ExchangeInstance = Spec['ExchangeInstance'];
export type IntraExchangeInstanceTransfer = Spec['IntraExchangeInstanceTransfer'];
export type IntraExchangeInstanceTransferResponse = Spec['IntraExchangeInstanceTransferResponse'];
export type GetIntraExchangeInstanceTransferResponse = Spec['GetIntraExchangeInstanceTransferResponse'];
export type GetIntraExchangeInstanceTransfersResponse = Sent<Spec['GetIntraExchangeInstanceTransfersResponse']>;

export type TargetBalanceAllocation = Spec['TargetBalanceAllocation'];
export type RestingMarginReservation = Spec['RestingMarginReservation'];
export type GetTargetBalanceAllocationResponse = Spec['GetTargetBalanceAllocationResponse'];

export type GetHistoricalCutoffResponse = Sent<Spec['GetHistoricalCutoffResponse']>;

export type OrderStatus = Spec['OrderStatus'];
/**
 * Every order of the fake has an owner, a creation time and a last update (the spec allows them
 * absent or null).
 */
export type Order = Sent<Spec['Order'], {
  subaccount_number: number; created_time: string; last_update_time: string;
  /** Deprecated; left out of some orders, as Kalshi may. */
  side?: Spec['Order']['side']; action?: Spec['Order']['action'];
}>;
export type GetOrdersResponse = Sent<Spec['GetOrdersResponse'], { orders: Order[] }>;
export type GetOrderResponse = Sent<Spec['GetOrderResponse'], { order: Order }>;
export type OrderQueuePosition = Sent<Spec['OrderQueuePosition']>;
export type GetOrderQueuePositionsResponse = Sent<Spec['GetOrderQueuePositionsResponse'], { queue_positions: OrderQueuePosition[] }>;
export type GetOrderQueuePositionResponse = Sent<Spec['GetOrderQueuePositionResponse']>;
/** A group without a contract limit leaves `contracts_limit_fp` out, as Kalshi does. */
export type OrderGroup = Sent<Spec['OrderGroup'], Pick<Spec['OrderGroup'], 'contracts_limit_fp'>>;
/** The fake always sends the list, empty or not. */
export type GetOrderGroupsResponse = Sent<Spec['GetOrderGroupsResponse'], { order_groups: OrderGroup[] }>;
export type GetOrderGroupResponse = Sent<Spec['GetOrderGroupResponse'], Pick<Spec['GetOrderGroupResponse'], 'contracts_limit_fp'>>;

export type BucketLimit = Spec['BucketLimit'];
export type ApiUsageLevelGrant = Spec['ApiUsageLevelGrant'];
export type GetAccountApiLimitsResponse = Sent<Spec['GetAccountApiLimitsResponse'], { grants: ApiUsageLevelGrant[] }>;
export type GetUserDataTimestampResponse = Sent<Spec['GetUserDataTimestampResponse']>;

// ---------------------------------------------------------------- requests the fake reads

export interface CreateSubaccountRequest {
  exchange_index?: number;
}

export interface UpdateSubaccountNettingRequest {
  subaccount_number: number;
  enabled: boolean;
}

export interface ApplySubaccountTransferRequest {
  client_transfer_id: string;
  from_subaccount: number;
  to_subaccount: number;
  amount_cents: number;
  exchange_index?: number;
}

export interface IntraExchangeInstanceTransferRequest {
  source: ExchangeInstance;
  destination: ExchangeInstance;
  /** Read as whole cents, although the spec documents centi-cents (hundredths of a cent). */
  amount: number;
  source_exchange_shard?: number;
  destination_exchange_shard?: number;
  source_subaccount?: number;
  destination_subaccount?: number;
}

export interface SetTargetBalanceAllocationRequest {
  allocations: TargetBalanceAllocation[];
  resting_margin_reservation?: RestingMarginReservation;
}
