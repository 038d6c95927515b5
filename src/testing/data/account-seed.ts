/**
 * Seeded account settings: netting per (subaccount, shard) and the target balance allocation.
 * Netting is not drawn: the trading history (history.ts) depends on it, so it is fixed, on for
 * every subaccount but NETTING_OFF_SUBACCOUNT, on every shard. The allocation comes from its own
 * sub-stream of the seed. (Transfers and cash follow from the trading: funding.ts.)
 */

import { NETTING_OFF_SUBACCOUNT } from './history.js';
import { type Rng, chance, pick, subRng } from './prng.js';
import type { GetTargetBalanceAllocationResponse, SubaccountNettingConfig } from './wire-types.js';

export interface AccountSeed {
  netting: SubaccountNettingConfig[];
  targetBalanceAllocation: GetTargetBalanceAllocationResponse;
}

export function seedAccount(seed: number, subaccounts: readonly number[], exchangeIndexes: readonly number[]): AccountSeed {
  return {
    netting: subaccounts.flatMap((subaccount) =>
      exchangeIndexes.map((exchangeIndex) => ({ subaccount_number: subaccount, enabled: subaccount !== NETTING_OFF_SUBACCOUNT, exchange_index: exchangeIndex }))),
    targetBalanceAllocation: makeAllocation(subRng(seed, 'allocation')),
  };
}

const ALLOCATIONS = [
  [[0, 100]],
  [[0, 70], [1, 10], [2, 20]],
  [[0, 80], [2, 20]],
  [[0, 50], [1, 25], [2, 25]],
] as const;

function makeAllocation(rng: Rng): GetTargetBalanceAllocationResponse {
  return {
    allocations: pick(rng, ALLOCATIONS).map(([exchange_index, percent]) => ({ exchange_index, percent })),
    resting_margin_reservation: chance(rng, 0.5) ? 'sum' : 'max',
  };
}
