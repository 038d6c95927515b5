/**
 * Seeded account settings and transfer history: past transfers between
 * subaccounts and between exchange instances, netting settings, the target
 * balance allocation, and cash on the margined exchange instance. Each comes
 * from its own sub-stream of the seed, so the trading data does not change.
 */

import { MARGINED_SHARDS } from './account-layout.js';
import type { CashEntry } from './dataset-types.js';
import { type Rng, chance, pick, randInt, seededUuid, subRng, weighted } from './prng.js';
import { centsToMicros, wireDollars } from './wire-money.js';
import type {
  ExchangeInstance, GetTargetBalanceAllocationResponse, IntraExchangeInstanceTransfer, SubaccountNettingConfig,
  SubaccountTransfer,
} from './wire-types.js';

export interface AccountSeedOptions {
  seed: number;
  subaccountTransfers: number;
  intraExchangeTransfers: number;
  subaccounts: readonly number[];
  exchangeIndexes: readonly number[];
  /** History window, Unix seconds. */
  fromS: number;
  nowS: number;
}

export interface AccountSeed {
  subaccountTransfers: SubaccountTransfer[];
  intraExchangeTransfers: IntraExchangeInstanceTransfer[];
  netting: SubaccountNettingConfig[];
  targetBalanceAllocation: GetTargetBalanceAllocationResponse;
  marginedCash: CashEntry[];
}

export function seedAccount(o: AccountSeedOptions): AccountSeed {
  return {
    subaccountTransfers: makeSubaccountTransfers(subRng(o.seed, 'subaccount-transfers'), o),
    intraExchangeTransfers: makeIntraTransfers(subRng(o.seed, 'intra-transfers'), o),
    netting: makeNetting(subRng(o.seed, 'netting'), o),
    targetBalanceAllocation: makeAllocation(subRng(o.seed, 'allocation')),
    marginedCash: makeMarginedCash(subRng(o.seed, 'margined-cash')),
  };
}

/** Newest first; ties by transfer id. */
function newestFirst<T extends { created_ts: number; transfer_id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.created_ts - a.created_ts || (a.transfer_id < b.transfer_id ? -1 : a.transfer_id > b.transfer_id ? 1 : 0));
}

function makeSubaccountTransfers(rng: Rng, o: AccountSeedOptions): SubaccountTransfer[] {
  const rows: SubaccountTransfer[] = [];
  const others = o.subaccounts.filter((s) => s !== 0);
  for (let i = 0; i < o.subaccountTransfers; i++) {
    // Mostly between the primary account and a numbered subaccount, either way.
    let from = 0;
    let to = pick(rng, others);
    if (chance(rng, 0.15)) from = pick(rng, others.filter((s) => s !== to));
    if (chance(rng, 0.4)) [from, to] = [to, from];
    rows.push({
      transfer_id: seededUuid(rng),
      from_subaccount: from,
      to_subaccount: to,
      amount_cents: chance(rng, 0.6) ? randInt(rng, 1, 200) * 500 : randInt(rng, 100, 150_000),
      created_ts: randInt(rng, o.fromS, o.nowS - 3_600),
      exchange_index: weighted(rng, o.exchangeIndexes.map((x) => [x, x === 0 ? 8 : 1] as const)),
    });
  }
  return newestFirst(rows);
}

function makeIntraTransfers(rng: Rng, o: AccountSeedOptions): IntraExchangeInstanceTransfer[] {
  const rows: IntraExchangeInstanceTransfer[] = [];
  for (let i = 0; i < o.intraExchangeTransfers; i++) {
    const route = weighted(rng, [['to_margined', 40], ['from_margined', 30], ['between_shards', 30]] as const);
    const source: ExchangeInstance = route === 'from_margined' ? 'margined' : 'event_contract';
    const destination: ExchangeInstance = route === 'to_margined' ? 'margined' : 'event_contract';
    let sourceShard = source === 'margined' ? MARGINED_SHARDS[0] : pick(rng, o.exchangeIndexes);
    let destinationShard = destination === 'margined' ? MARGINED_SHARDS[0] : pick(rng, o.exchangeIndexes);
    if (route === 'between_shards' && sourceShard === destinationShard) {
      sourceShard = 0;
      destinationShard = pick(rng, o.exchangeIndexes.filter((x) => x !== 0));
    }
    const created = randInt(rng, o.fromS, o.nowS - 600);
    const cents = chance(rng, 0.7) ? randInt(rng, 1, 100) * 10_000 : randInt(rng, 100, 400_000);
    rows.push({
      transfer_id: seededUuid(rng),
      source,
      destination,
      source_exchange_shard: sourceShard,
      destination_exchange_shard: destinationShard,
      amount: wireDollars(centsToMicros(cents)),
      status: o.nowS - created < 86_400 && chance(rng, 0.5) ? 'pending' : 'complete',
      created_ts: created,
    });
  }
  return newestFirst(rows);
}

function makeNetting(rng: Rng, o: AccountSeedOptions): SubaccountNettingConfig[] {
  return o.subaccounts.flatMap((subaccount) =>
    o.exchangeIndexes.map((exchangeIndex) => ({ subaccount_number: subaccount, enabled: chance(rng, 0.8), exchange_index: exchangeIndex })));
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

function makeMarginedCash(rng: Rng): CashEntry[] {
  const cents = randInt(rng, 0, 400) * 1_000 + randInt(rng, 0, 99);
  if (cents === 0) return [];
  return [{ subaccount: 0, exchange_index: MARGINED_SHARDS[0], balance_dollars: wireDollars(centsToMicros(cents), 4) }];
}
