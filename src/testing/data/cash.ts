/** Seeded cash per (subaccount, exchange shard); the primary account on shard 0 holds the most. */

import { EXCHANGE_INDEXES, SUBACCOUNTS } from './account-layout.js';
import type { CashEntry } from './dataset-types.js';
import { type Rng, chance, randInt } from './prng.js';
import { MICROS_PER_CENTI_CENT, wireDollars } from './wire-money.js';

const CENTI_CENTS_PER_DOLLAR = 10_000;

/** Most dollars a subaccount holds on each shard: the primary account, then the numbered ones. */
const MAX_PRIMARY_DOLLARS = [20_000, 1_500, 4_000];
const MAX_NUMBERED_DOLLARS = [2_000, 300, 500];

export function makeCash(rng: Rng): CashEntry[] {
  const cash: CashEntry[] = [];
  for (const subaccount of SUBACCOUNTS) {
    for (const index of EXCHANGE_INDEXES) {
      const maxDollars = (subaccount === 0 ? MAX_PRIMARY_DOLLARS : MAX_NUMBERED_DOLLARS)[index]!;
      const empty = index > 0 && chance(rng, subaccount === 0 ? 0.2 : 0.5);
      const micros = empty ? 0n : BigInt(randInt(rng, 0, maxDollars * CENTI_CENTS_PER_DOLLAR)) * MICROS_PER_CENTI_CENT;
      cash.push({ subaccount, exchange_index: index, balance_dollars: wireDollars(micros, 4) });
    }
  }
  return cash;
}
