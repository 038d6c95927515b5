import type { CashEntry } from './dataset-types.js';
import type {
  GetTargetBalanceAllocationResponse, IntraExchangeInstanceTransfer, SubaccountNettingConfig, SubaccountTransfer,
} from './wire-types.js';

/** The mutable account at one moment, as `FakeKalshi.state` shows it (a copy; changing it changes nothing). */
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
