/**
 * Seeded money in and out of the account: deposits and withdrawals over the
 * history window. They are history only; the seeded cash already includes them.
 */

import { DEBIT_CARD_FEE_RATE, paymentFeeCents } from './fees.js';
import { type Rng, chance, randInt, seededUuid, subRng, weighted } from './prng.js';
import type { MoneyMovement } from './wire-types.js';

type Kind = 'deposit' | 'withdrawal';

const TYPES: Record<Kind, ReadonlyArray<readonly [MoneyMovement['type'], number]>> = {
  deposit: [['ach', 45], ['debit', 20], ['wire', 15], ['crypto', 10], ['apm', 10]],
  withdrawal: [['ach', 60], ['wire', 25], ['crypto', 10], ['debit', 5]],
};

/** A flat $25 for sending money out by wire. */
const WIRE_WITHDRAWAL_FEE_CENTS = 2_500;

/** Newest first; ties by id. */
export function sortMovements(rows: MoneyMovement[]): MoneyMovement[] {
  return rows.sort((a, b) => b.created_ts - a.created_ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `count` deposits or withdrawals created between `fromS` and `nowS` (Unix seconds), newest first. */
export function makeMovements(seed: number, kind: Kind, count: number, fromS: number, nowS: number): MoneyMovement[] {
  const rng = subRng(seed, kind);
  const rows: MoneyMovement[] = [];
  for (let i = 0; i < count; i++) rows.push(makeMovement(rng, kind, fromS, nowS));
  return sortMovements(rows);
}

function makeMovement(rng: Rng, kind: Kind, fromS: number, nowS: number): MoneyMovement {
  const created = randInt(rng, fromS, nowS - 60);
  const type = weighted(rng, TYPES[kind]);
  // Mostly round amounts, sometimes odd cents.
  const amount = chance(rng, 0.7) ? randInt(rng, 1, 500) * 1_000 : randInt(rng, 500, 500_000);
  let fee = 0;
  if (type === 'debit') fee = paymentFeeCents(amount, DEBIT_CARD_FEE_RATE);
  else if (type === 'wire' && kind === 'withdrawal') fee = WIRE_WITHDRAWAL_FEE_CENTS;
  const recent = nowS - created < 3 * 86_400;
  const status = recent && chance(rng, 0.6)
    ? 'pending'
    : weighted(rng, [['applied', 85], ['failed', 7], ['returned', 8]] as const);
  const settleAfter = status === 'returned' ? randInt(rng, 2 * 86_400, 6 * 86_400) : randInt(rng, 30, 3 * 86_400);
  return {
    id: seededUuid(rng),
    status,
    type,
    amount_cents: amount,
    fee_cents: fee,
    created_ts: created,
    finalized_ts: status === 'pending' ? null : Math.min(nowS, created + settleAfter),
  };
}
