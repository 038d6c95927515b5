/**
 * The money that funds the trading, and where the cash ends up: deposits and withdrawals, transfers
 * between subaccounts and between exchange instances, and from them and the trading's cash moves
 * (history.ts) the cash of every (subaccount, shard) now. The cash follows the identity in
 * cash-identity.ts to the cent; this module makes the rows so that no pot of cash is ever
 * negative along the way:
 *
 * - an opening deposit (the oldest, applied, before the history starts) brings what the trading
 *   needs at its worst moment plus a cushion; opening transfers carry each shard's and each
 *   numbered subaccount's share on (intra-exchange from shard 0 to shards 1 and 2, then between
 *   subaccounts on each shard), all before the first fill;
 * - the other rows are random, but an outflow never takes more than half of what its pot holds
 *   from then on beyond a reserve of $250 (a withdrawal that could not be paid is `failed`; a
 *   transfer is made smaller or turned round), so no pot goes negative and the primary account
 *   keeps cash to trade with on every shard.
 *
 * Each kind draws from its own stream, as before (deposits, withdrawals, subaccount-transfers,
 * intra-transfers); the amounts depend on the trading, so on the sizes of the data.
 */

import type { CashEntry } from './dataset-types.js';
import { DEBIT_CARD_FEE_RATE, paymentFeeCents } from './fees.js';
import type { CashMove } from './history.js';
import { type Rng, chance, pick, randInt, seededUuid, subRng, weighted } from './prng.js';
import { SECOND_US } from './time.js';
import { MICROS_PER_CENT, centsToMicros, parseDollars, wireDollars } from './wire-money.js';
import type { ExchangeInstance, IntraExchangeInstanceTransfer, MoneyMovement, SubaccountTransfer } from './wire-types.js';

type Kind = 'deposit' | 'withdrawal';

const TYPES: Record<Kind, ReadonlyArray<readonly [MoneyMovement['type'], number]>> = {
  deposit: [['ach', 45], ['debit', 20], ['wire', 15], ['crypto', 10], ['apm', 10]],
  withdrawal: [['ach', 60], ['wire', 25], ['crypto', 10], ['debit', 5]],
};

/** A flat $25 for sending money out by wire. */
const WIRE_WITHDRAWAL_FEE_CENTS = 2_500;

export interface FundingOptions {
  seed: number;
  deposits: number;
  withdrawals: number;
  subaccountTransfers: number;
  intraExchangeTransfers: number;
  subaccounts: readonly number[];
  exchangeIndexes: readonly number[];
  /** The shard of the margined instance. */
  marginedShard: number;
  /** History window, Unix seconds. */
  fromS: number;
  nowS: number;
}

export interface Funding {
  /** Newest first. */
  deposits: MoneyMovement[];
  withdrawals: MoneyMovement[];
  subaccountTransfers: SubaccountTransfer[];
  intraExchangeTransfers: IntraExchangeInstanceTransfer[];
  /** Cash now per (subaccount, shard) of the event-contract instance, every pair. */
  cash: CashEntry[];
  /** Cash now on the margined instance (entries that are not zero). */
  marginedCash: CashEntry[];
}

/** Newest first; ties by id. */
export function sortMovements(rows: MoneyMovement[]): MoneyMovement[] {
  return rows.sort((a, b) => b.created_ts - a.created_ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Newest first; ties by transfer id. */
function newestFirst<T extends { created_ts: number; transfer_id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.created_ts - a.created_ts || (a.transfer_id < b.transfer_id ? -1 : a.transfer_id > b.transfer_id ? 1 : 0));
}

const potKey = (instance: ExchangeInstance, subaccount: number, shard: number) => `${instance}/${subaccount}/${shard}`;
const eventPot = (subaccount: number, shard: number) => potKey('event_contract', subaccount, shard);

interface Move {
  atUs: number;
  micros: bigint;
}

/**
 * Every pot's cash moves in time order (inflows first on a tie), and how much can leave a pot at
 * an instant without it ever going negative. The trading's moves are loaded at once and sorted;
 * the few funding rows after them are put in place one by one.
 */
function createPots(trading: readonly CashMove[]) {
  const pots = new Map<string, Move[]>();
  const before = (a: Move, b: Move) => a.atUs < b.atUs || (a.atUs === b.atUs && a.micros > b.micros);
  for (const m of trading) {
    const key = eventPot(m.subaccount, m.exchangeIndex);
    const moves = pots.get(key);
    if (moves) moves.push({ atUs: m.atUs, micros: m.micros });
    else pots.set(key, [{ atUs: m.atUs, micros: m.micros }]);
  }
  for (const moves of pots.values()) moves.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const add = (pot: string, atUs: number, micros: bigint) => {
    const moves = pots.get(pot) ?? [];
    const move = { atUs, micros };
    let low = 0;
    let high = moves.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(move, moves[mid]!)) high = mid;
      else low = mid + 1;
    }
    moves.splice(low, 0, move);
    pots.set(pot, moves);
  };
  /** The least the pot holds at `atUs` or after (what an outflow at `atUs` may take). */
  const spare = (pot: string, atUs: number): bigint => {
    let running = 0n;
    let least: bigint | undefined;
    for (const m of pots.get(pot) ?? []) {
      if (m.atUs >= atUs && least === undefined) least = running;
      running += m.micros;
      if (least !== undefined && running < least) least = running;
    }
    return least ?? running;
  };
  /** The pot's deepest dip below zero (0 if it never dips). */
  const need = (pot: string): bigint => {
    let running = 0n;
    let least = 0n;
    for (const m of pots.get(pot) ?? []) {
      running += m.micros;
      if (running < least) least = running;
    }
    return -least;
  };
  const total = (pot: string) => (pots.get(pot) ?? []).reduce((sum, m) => sum + m.micros, 0n);
  const has = (pot: string) => (pots.get(pot)?.length ?? 0) > 0;
  return { add, spare, need, total, has };
}

type Pots = ReturnType<typeof createPots>;

const wholeCents = (micros: bigint) => Number((micros + MICROS_PER_CENT - 1n) / MICROS_PER_CENT);
const centsBelow = (micros: bigint) => (micros <= 0n ? 0 : Number(micros / MICROS_PER_CENT));
/** What every pot keeps through the random outflows, in cents: the account can still trade at runtime. */
const RESERVE_CENTS = 25_000;
/** An outflow takes at most half of what its pot can spare beyond the reserve, so no pot is drained by chance. */
const spareHalf = (micros: bigint) => Math.floor(Math.max(0, centsBelow(micros) - RESERVE_CENTS) / 2);

export function makeFunding(o: FundingOptions, trading: readonly CashMove[]): Funding {
  const pots = createPots(trading);
  const depositRng = subRng(o.seed, 'deposit');
  const withdrawalRng = subRng(o.seed, 'withdrawal');
  const transferRng = subRng(o.seed, 'subaccount-transfers');
  const intraRng = subRng(o.seed, 'intra-transfers');
  const deposits: MoneyMovement[] = [];
  const withdrawals: MoneyMovement[] = [];
  const transfers: SubaccountTransfer[] = [];
  const intra: IntraExchangeInstanceTransfer[] = [];
  const secondsUs = (s: number) => s * SECOND_US;

  // Opening funding: what each pot needs at its worst, plus a cushion, carried down from one deposit.
  if (o.deposits > 0) {
    const cushionRng = subRng(o.seed, 'opening-funding');
    const cushion = (subaccount: number, shard: number) =>
      (subaccount === 0 ? randInt(cushionRng, shard === 0 ? 1_000 : 300, 5_000) : randInt(cushionRng, 50, 1_500)) * 100;
    const fundingOf = (subaccount: number, shard: number) =>
      pots.has(eventPot(subaccount, shard)) || subaccount === 0 ? wholeCents(pots.need(eventPot(subaccount, shard))) + cushion(subaccount, shard) : 0;
    const transferAt = o.fromS - 12 * 3_600;
    const intraAt = o.fromS - 86_400;
    let fromPrimary = 0;
    for (const shard of o.exchangeIndexes) {
      let shardTotal = shard === 0 ? 0 : fundingOf(0, shard);
      for (const subaccount of o.subaccounts) {
        if (subaccount === 0) continue;
        const cents = fundingOf(subaccount, shard);
        if (cents === 0) continue;
        shardTotal += cents;
        transfers.push(subaccountTransfer(transferRng, 0, subaccount, cents, transferAt, shard));
      }
      if (shard === 0) {
        fromPrimary += shardTotal;
        continue;
      }
      if (shardTotal === 0) continue;
      fromPrimary += shardTotal;
      intra.push(intraTransfer(intraRng, 'event_contract', 0, 'event_contract', shard, shardTotal, intraAt, 'complete'));
    }
    const opening = fundingOf(0, 0) + fromPrimary;
    deposits.push({
      id: seededUuid(depositRng), status: 'applied', type: 'wire', amount_cents: opening, fee_cents: 0,
      created_ts: o.fromS - 3 * 86_400, finalized_ts: o.fromS - 2 * 86_400,
    });
    for (const t of transfers) {
      pots.add(eventPot(t.from_subaccount, t.exchange_index), secondsUs(t.created_ts), -centsToMicros(t.amount_cents));
      pots.add(eventPot(t.to_subaccount, t.exchange_index), secondsUs(t.created_ts), centsToMicros(t.amount_cents));
    }
    for (const t of intra) applyIntra(pots, t, secondsUs);
    pots.add(eventPot(0, 0), secondsUs(o.fromS - 2 * 86_400), centsToMicros(opening));
  }

  // Other deposits only add cash (when applied: the amount less its fee, at finalization).
  while (deposits.length < o.deposits) {
    const d = movement(depositRng, 'deposit', o.fromS, o.nowS);
    deposits.push(d);
    if (d.status === 'applied') pots.add(eventPot(0, 0), secondsUs(d.finalized_ts!), centsToMicros(d.amount_cents - d.fee_cents));
  }
  // Withdrawals take the amount and their fee when made; one the cash could not pay failed.
  for (let i = 0; i < o.withdrawals; i++) {
    const w = movement(withdrawalRng, 'withdrawal', o.fromS, o.nowS);
    if (w.status === 'applied') {
      const spare = spareHalf(pots.spare(eventPot(0, 0), secondsUs(w.created_ts)));
      while (w.amount_cents > 0 && w.amount_cents + w.fee_cents > spare) {
        w.amount_cents = Math.min(w.amount_cents - 1, spare - w.fee_cents);
        w.fee_cents = withdrawalFee(w.type, w.amount_cents);
      }
      if (w.amount_cents < 1) {
        // The cash could not pay it: the request failed (and moved nothing).
        Object.assign(w, { status: 'failed', amount_cents: Math.max(1, w.amount_cents), fee_cents: withdrawalFee(w.type, Math.max(1, w.amount_cents)) });
      } else {
        pots.add(eventPot(0, 0), secondsUs(w.created_ts), -centsToMicros(w.amount_cents + w.fee_cents));
      }
    }
    withdrawals.push(w);
  }

  const others = o.subaccounts.filter((s) => s !== 0);
  while (transfers.length < o.subaccountTransfers) {
    // Mostly between the primary account and a numbered subaccount, either way.
    let from = 0;
    let to = pick(transferRng, others);
    if (chance(transferRng, 0.15)) from = pick(transferRng, others.filter((s) => s !== to));
    if (chance(transferRng, 0.4)) [from, to] = [to, from];
    let cents = chance(transferRng, 0.6) ? randInt(transferRng, 1, 200) * 500 : randInt(transferRng, 100, 150_000);
    const created = randInt(transferRng, o.fromS, o.nowS - 3_600);
    let shard = weighted(transferRng, o.exchangeIndexes.map((x) => [x, x === 0 ? 8 : 1] as const));
    const spareOf = (s: number) => spareHalf(pots.spare(eventPot(s, shard), secondsUs(created)));
    if (spareOf(from) < 1) [from, to] = [to, from];
    if (spareOf(from) < 1) [from, to, shard] = [0, pick(transferRng, others), 0];
    cents = Math.max(1, Math.min(cents, spareOf(from)));
    const row = subaccountTransfer(transferRng, from, to, cents, created, shard);
    pots.add(eventPot(from, shard), secondsUs(created), -centsToMicros(cents));
    pots.add(eventPot(to, shard), secondsUs(created), centsToMicros(cents));
    transfers.push(row);
  }

  while (intra.length < o.intraExchangeTransfers) {
    const route = weighted(intraRng, [['to_margined', 40], ['from_margined', 30], ['between_shards', 30]] as const);
    let source: ExchangeInstance = route === 'from_margined' ? 'margined' : 'event_contract';
    let destination: ExchangeInstance = route === 'to_margined' ? 'margined' : 'event_contract';
    let sourceShard = source === 'margined' ? o.marginedShard : pick(intraRng, o.exchangeIndexes);
    let destinationShard = destination === 'margined' ? o.marginedShard : pick(intraRng, o.exchangeIndexes);
    if (route === 'between_shards' && sourceShard === destinationShard) {
      sourceShard = 0;
      destinationShard = pick(intraRng, o.exchangeIndexes.filter((x) => x !== 0));
    }
    const created = randInt(intraRng, o.fromS, o.nowS - 600);
    let cents = chance(intraRng, 0.7) ? randInt(intraRng, 1, 100) * 10_000 : randInt(intraRng, 100, 400_000);
    const status = o.nowS - created < 86_400 && chance(intraRng, 0.5) ? 'pending' : 'complete';
    const spareOf = () => spareHalf(pots.spare(potKey(source, 0, sourceShard), secondsUs(created)));
    if (spareOf() < 1) [source, destination, sourceShard, destinationShard] = [destination, source, destinationShard, sourceShard];
    if (spareOf() < 1) [source, sourceShard, destination, destinationShard] = ['event_contract', 0, 'margined', o.marginedShard];
    cents = Math.max(1, Math.min(cents, spareOf()));
    const row = intraTransfer(intraRng, source, sourceShard, destination, destinationShard, cents, created, status);
    applyIntra(pots, row, secondsUs);
    intra.push(row);
  }

  const cash = o.subaccounts.flatMap((subaccount) => o.exchangeIndexes.map((shard) => ({
    subaccount, exchange_index: shard, balance_dollars: wireDollars(pots.total(eventPot(subaccount, shard)), 4),
  })));
  const margined = pots.total(potKey('margined', 0, o.marginedShard));
  return {
    deposits: sortMovements(deposits),
    withdrawals: sortMovements(withdrawals),
    subaccountTransfers: newestFirst(transfers),
    intraExchangeTransfers: newestFirst(intra),
    cash,
    marginedCash: margined === 0n ? [] : [{ subaccount: 0, exchange_index: o.marginedShard, balance_dollars: wireDollars(margined, 4) }],
  };
}

/** A complete intra-exchange transfer moves the primary account's cash between instances or shards; a pending one nothing yet. */
function applyIntra(pots: Pots, t: IntraExchangeInstanceTransfer, secondsUs: (s: number) => number): void {
  if (t.status !== 'complete') return;
  const micros = parseDollars(t.amount);
  pots.add(potKey(t.source, 0, t.source_exchange_shard), secondsUs(t.created_ts), -micros);
  pots.add(potKey(t.destination, 0, t.destination_exchange_shard), secondsUs(t.created_ts), micros);
}

function subaccountTransfer(rng: Rng, from: number, to: number, cents: number, createdS: number, shard: number): SubaccountTransfer {
  return { transfer_id: seededUuid(rng), from_subaccount: from, to_subaccount: to, amount_cents: cents, created_ts: createdS, exchange_index: shard };
}

function intraTransfer(
  rng: Rng, source: ExchangeInstance, sourceShard: number, destination: ExchangeInstance, destinationShard: number,
  cents: number, createdS: number, status: IntraExchangeInstanceTransfer['status'],
): IntraExchangeInstanceTransfer {
  return {
    transfer_id: seededUuid(rng),
    source,
    destination,
    source_exchange_shard: sourceShard,
    destination_exchange_shard: destinationShard,
    amount: wireDollars(centsToMicros(cents)),
    status,
    created_ts: createdS,
  };
}

function withdrawalFee(type: MoneyMovement['type'], amountCents: number): number {
  if (type === 'debit') return paymentFeeCents(amountCents, DEBIT_CARD_FEE_RATE);
  return type === 'wire' ? WIRE_WITHDRAWAL_FEE_CENTS : 0;
}

function movement(rng: Rng, kind: Kind, fromS: number, nowS: number): MoneyMovement {
  const created = randInt(rng, fromS, nowS - 60);
  const type = weighted(rng, TYPES[kind]);
  // Mostly round amounts, sometimes odd cents.
  const amount = chance(rng, 0.7) ? randInt(rng, 1, 500) * 1_000 : randInt(rng, 500, 500_000);
  const fee = kind === 'withdrawal' ? withdrawalFee(type, amount) : type === 'debit' ? paymentFeeCents(amount, DEBIT_CARD_FEE_RATE) : 0;
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
