/**
 * The fake's sample account is one consistent history: positions, settlements and cash follow
 * from the fills (and the money moved in and out) by Kalshi's rules. The oracle here is written
 * independently of the fake's generator: each market's fills are replayed with src/direction.ts's
 * fillEffect through a small FIFO of its own.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEffect } from '../../src/direction.js';
import { parseCount, parseDollars } from '../../src/money.js';
import { type AccountSnapshot, type FakeDataset, type FakeKalshi, cashTerms, startFakeKalshi } from '../../src/testing/index.js';
import { createAccount } from '../../src/testing/data/account.js';
import { generateDataset } from '../../src/testing/data/dataset.js';
import type { Fill } from '../../src/testing/data/wire-types.js';
import { resolveOptions } from '../../src/testing/http/resolve-options.js';
import { getJson } from '../support/fake-http.js';

const SEEDS = [1, 2, 5, 11, 42];
const DOLLAR = 1_000_000n;
const CLICKED: Record<string, string> = { 'buy/yes': 'yes', 'sell/no': 'yes', 'buy/no': 'no', 'sell/yes': 'no' };

interface Lot { count: bigint; price: bigint }
interface Replay {
  yes: Lot[];
  no: Lot[];
  realized: bigint;
  /** Whether a fill ever closed part of a position, all of it, or crossed it. */
  partial: boolean;
  crossed: boolean;
  bothHeld: boolean;
}

const held = (lots: Lot[]) => lots.reduce((s, l) => s + l.count, 0n);
const cost = (lots: Lot[]) => lots.reduce((s, l) => s + (l.count * l.price) / 100n, 0n);

/** FIFO: take `count` from the oldest lots; returns their cost. */
function take(lots: Lot[], count: bigint): bigint {
  let left = count;
  let spent = 0n;
  while (left > 0n) {
    const lot = lots[0]!;
    const n = left < lot.count ? left : lot.count;
    spent += (n * lot.price) / 100n;
    lot.count -= n;
    left -= n;
    if (lot.count === 0n) lots.shift();
  }
  return spent;
}

function replay(fills: Fill[], netting: boolean): Replay {
  const r: Replay = { yes: [], no: [], realized: 0n, partial: false, crossed: false, bothHeld: false };
  const ordered = [...fills].sort((a, b) => (a.created_time < b.created_time ? -1 : 1));
  for (const f of ordered) {
    const e = fillEffect(f);
    const count = e.signedCount < 0n ? -e.signedCount : e.signedCount;
    const [own, other] = e.direction === 'yes' ? [r.yes, r.no] : [r.no, r.yes];
    let opened = count;
    if (netting && held(other) > 0n) {
      const before = held(other);
      const closed = count < before ? count : before;
      const spent = take(other, closed);
      r.realized += (closed * (DOLLAR - e.pricePaidMicros)) / 100n - spent;
      if (count < before) r.partial = true;
      if (count > before) r.crossed = true;
      opened = count - closed;
    }
    if (opened > 0n) own.push({ count: opened, price: e.pricePaidMicros });
    if (held(r.yes) > 0n && held(r.no) > 0n) r.bothHeld = true;
  }
  return r;
}

function booksOf(data: FakeDataset): Map<string, Fill[]> {
  const books = new Map<string, Fill[]>();
  for (const f of data.fills) {
    const key = `${f.subaccount_number}/${f.ticker}`;
    books.set(key, [...(books.get(key) ?? []), f]);
  }
  return books;
}

const nettingOf = (data: FakeDataset, subaccount: number, shard: number) =>
  data.netting.find((n) => n.subaccount_number === subaccount && n.exchange_index === shard)!.enabled;

/** The seeded account as a fake serves it (data and account state), without starting a server for each seed. */
interface World { data: FakeDataset; state: AccountSnapshot }
const world = (options: { seed: number; fills?: number }): World => {
  const data = generateDataset(resolveOptions(options));
  return { data, state: createAccount(data).snapshot() };
};
const worlds: World[] = [...SEEDS.map((seed) => world({ seed })), world({ seed: 9, fills: 3_000 })];

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 1 });
});
afterAll(() => fake.close());

describe.each(SEEDS.map((seed, i) => [seed, i] as const).concat([[9, SEEDS.length]]))('seed %i: positions follow from the fills', (_seed, index) => {
  const data = () => worlds[index]!.data;

  it('every fill has a pair Kalshi sends (yes+bid, no+ask); its legacy side/action, when there, follow the four-row table', () => {
    for (const f of data().fills) {
      expect(`${f.outcome_side}/${f.book_side}`).toMatch(/^(yes\/bid|no\/ask)$/);
      if (f.side !== undefined || f.action !== undefined) expect(CLICKED[`${f.action}/${f.side}`]).toBe(f.outcome_side);
    }
  });

  it('every (subaccount, market) with fills has a position record; the running position from fills is position_fp, the FIFO realized P&L is realized_pnl_dollars', () => {
    const books = booksOf(data());
    const entries = new Map(data().marketPositions.map((e) => [`${e.subaccount}/${e.position.ticker}`, e]));
    const settlements = new Map(data().settlements.map((e) => [`${e.subaccount}/${e.settlement.ticker}`, e.settlement]));
    for (const [key, fills] of books) {
      const entry = entries.get(key);
      expect(entry, key).toBeDefined();
      const { position: p } = entry!;
      const r = replay(fills, nettingOf(data(), entry!.subaccount, p.exchange_index));
      const running = fills.reduce((s, f) => s + fillEffect(f).signedCount, 0n);
      const settlement = settlements.get(key);
      expect(Boolean(settlement), key).toBe(entry!.settled);
      if (!settlement) {
        expect(parseCount(p.position_fp), key).toBe(running);
        expect(parseDollars(p.market_exposure_dollars), key).toBe(cost(r.yes) + cost(r.no));
        expect(parseDollars(p.realized_pnl_dollars), key).toBe(r.realized);
        continue;
      }
      // The settlement closes exactly what was still held, at the market's value, and pays it in whole cents.
      expect(parseCount(settlement.yes_count_fp), key).toBe(held(r.yes));
      expect(parseCount(settlement.no_count_fp), key).toBe(held(r.no));
      expect(parseCount(settlement.yes_count_fp) - parseCount(settlement.no_count_fp), key).toBe(running);
      expect(parseDollars(settlement.yes_total_cost_dollars), key).toBe(cost(r.yes));
      expect(parseDollars(settlement.no_total_cost_dollars), key).toBe(cost(r.no));
      const value = BigInt(settlement.value!);
      const payout = (held(r.yes) * value * 10_000n + held(r.no) * (100n - value) * 10_000n) / 100n;
      expect(BigInt(settlement.revenue) * 10_000n, key).toBe(payout);
      expect(parseCount(p.position_fp), key).toBe(0n);
      expect(parseDollars(p.market_exposure_dollars), key).toBe(0n);
      expect(parseDollars(p.realized_pnl_dollars), key).toBe(r.realized + payout - cost(r.yes) - cost(r.no));
      expect(parseDollars(settlement.fee_cost), key).toBe(parseDollars(p.fees_paid_dollars));
    }
  });

  it('fill fees sum to fees_paid_dollars, except markets whose archived fills predate fee_cost (all 0)', () => {
    const entries = new Map(data().marketPositions.map((e) => [`${e.subaccount}/${e.position.ticker}`, e.position]));
    for (const [key, fills] of booksOf(data())) {
      const fromFills = fills.reduce((s, f) => s + parseDollars(f.fee_cost), 0n);
      const paid = parseDollars(entries.get(key)!.fees_paid_dollars);
      if (fromFills === paid) continue;
      expect(fromFills, key).toBe(0n);
      expect(Date.parse(fills[0]!.created_time)).toBeLessThan(data().cutoff!);
    }
  });

  it('positions without fills hold nothing, and every settlement belongs to a market the subaccount traded', () => {
    const books = booksOf(data());
    for (const e of data().marketPositions) {
      if (books.has(`${e.subaccount}/${e.position.ticker}`)) continue;
      expect(parseCount(e.position.position_fp)).toBe(0n);
      expect(parseDollars(e.position.total_traded_dollars)).toBe(0n);
      expect(e.position.resting_orders_count).toBeGreaterThan(0);
    }
    for (const e of data().settlements) expect(books.has(`${e.subaccount}/${e.settlement.ticker}`)).toBe(true);
  });

  it('each subaccount\'s cash on each shard is the cash identity to the cent; fill cash plus revenue is realized P&L less exposure', () => {
    const { data: d, state } = worlds[index]!;
    const rows = { ...d, ...state };
    for (const c of state.cash) {
      const terms = cashTerms(rows, { instance: 'event_contract', subaccount: c.subaccount, exchangeIndex: c.exchange_index });
      expect(terms.total, `${c.subaccount}/${c.exchange_index}`).toBe(parseDollars(c.balance_dollars));
      // Cash never negative (the primary account keeps $250 on each shard to trade with), and the
      // identity's trading terms agree with the positions' own figures.
      expect(terms.total).toBeGreaterThanOrEqual(c.subaccount === 0 ? 250_000_000n : 0n);
      const positions = d.marketPositions.filter((e) => e.subaccount === c.subaccount && e.position.exchange_index === c.exchange_index);
      const fromPositions = positions.reduce((s, e) => s + parseDollars(e.position.realized_pnl_dollars) - parseDollars(e.position.market_exposure_dollars), 0n);
      expect(terms.fills + terms.settlements).toBe(fromPositions);
    }
    for (const c of state.marginedCash) {
      expect(cashTerms(rows, { instance: 'margined', subaccount: c.subaccount, exchangeIndex: c.exchange_index }).total).toBe(parseDollars(c.balance_dollars));
    }
  });
});

describe('the cash along the way', () => {
  it('no subaccount\'s cash on any shard is ever negative, replaying every movement in time order', () => {
    for (const { data } of worlds) {
      const moves = new Map<string, Array<{ at: number; micros: bigint }>>();
      const add = (pot: string, at: number, micros: bigint) => moves.set(pot, [...(moves.get(pot) ?? []), { at, micros }]);
      for (const [key, fills] of booksOf(data)) {
        const sub = Number(key.split('/')[0]);
        const netting = nettingOf(data, sub, fills[0]!.exchange_index);
        let position = 0n;
        for (const f of [...fills].sort((a, b) => (a.created_time < b.created_time ? -1 : 1))) {
          const e = fillEffect(f);
          const count = e.signedCount < 0n ? -e.signedCount : e.signedCount;
          const opposite = netting && position !== 0n && (position > 0n) !== (e.signedCount > 0n);
          const netted = opposite ? (count < (position < 0n ? -position : position) ? count : (position < 0n ? -position : position)) : 0n;
          // Fees: the fill's own (fee-less archived fills paid theirs too, but no row says when: they are left out here).
          add(`${sub}/${f.exchange_index}`, Date.parse(f.created_time), (-count * e.pricePaidMicros + netted * DOLLAR) / 100n - parseDollars(f.fee_cost));
          position += e.signedCount;
        }
      }
      for (const { subaccount, settlement: s } of data.settlements) add(`${subaccount}/${s.exchange_index}`, Date.parse(s.settled_time), BigInt(s.revenue) * 10_000n);
      for (const d of data.deposits) if (d.status === 'applied') add('0/0', d.finalized_ts! * 1000, BigInt(d.amount_cents - d.fee_cents) * 10_000n);
      for (const w of data.withdrawals) if (w.status === 'applied') add('0/0', w.created_ts * 1000, -BigInt(w.amount_cents + w.fee_cents) * 10_000n);
      for (const t of data.subaccountTransfers) {
        add(`${t.from_subaccount}/${t.exchange_index}`, t.created_ts * 1000, -BigInt(t.amount_cents) * 10_000n);
        add(`${t.to_subaccount}/${t.exchange_index}`, t.created_ts * 1000, BigInt(t.amount_cents) * 10_000n);
      }
      for (const t of data.intraExchangeTransfers) {
        if (t.status !== 'complete') continue;
        add(t.source === 'margined' ? 'margined' : `0/${t.source_exchange_shard}`, t.created_ts * 1000, -parseDollars(t.amount));
        add(t.destination === 'margined' ? 'margined' : `0/${t.destination_exchange_shard}`, t.created_ts * 1000, parseDollars(t.amount));
      }
      for (const [pot, list] of moves) {
        let cash = 0n;
        for (const m of list.sort((a, b) => a.at - b.at || (a.micros > b.micros ? -1 : 1))) {
          cash += m.micros;
          expect(cash, `seed ${data.seed}, pot ${pot} at ${new Date(m.at).toISOString()}`).toBeGreaterThanOrEqual(0n);
        }
      }
    }
  });
});

describe('the served account', () => {
  it('GET /portfolio/balance and /portfolio/subaccounts/balances serve the cash the identity gives', async () => {
    const rows = { ...fake.data, ...fake.state };
    const terms = (subaccount: number, exchangeIndex: number) => cashTerms(rows, { instance: 'event_contract', subaccount, exchangeIndex }).total;
    for (const subaccount of fake.data.subaccounts) {
      const { body } = await getJson(fake, `/portfolio/balance?subaccount=${subaccount}`);
      expect(parseDollars(body.balance_dollars)).toBe(fake.data.exchangeIndexes.reduce((s, i) => s + terms(subaccount, i), 0n));
    }
    const { body } = await getJson(fake, '/portfolio/subaccounts/balances');
    for (const b of body.subaccount_balances) expect(parseDollars(b.balance)).toBe(terms(b.subaccount_number, b.exchange_index));
  });
});

describe('the sample account exercises every case', () => {
  it('partial and cross-direction closes, settlements yes/no/scalar, closed-out markets, netting off, fee-less fills, money moved', () => {
    const seen = new Set<string>();
    for (const { data } of worlds) {
      for (const [key, fills] of booksOf(data)) {
        const sub = Number(key.split('/')[0]);
        const r = replay(fills, nettingOf(data, sub, fills[0]!.exchange_index));
        if (r.partial) seen.add('partial close');
        if (r.crossed) seen.add('cross-direction close');
        if (r.bothHeld) seen.add('YES and NO side by side');
        if (fills.every((f) => parseDollars(f.fee_cost) === 0n)) seen.add('fills without fees');
        if (fills.some((f) => f.side === undefined)) seen.add('legacy fields absent');
        if (fills.some((f) => f.action === 'sell')) seen.add('clicked sell');
      }
      for (const { settlement: s } of data.settlements) {
        seen.add(`result ${s.market_result}`);
        if (s.revenue === 0 && parseCount(s.yes_count_fp) === 0n && parseCount(s.no_count_fp) === 0n) seen.add('closed out before settlement');
        if (s.revenue > 0) seen.add('held into settlement');
      }
      if (data.marketPositions.some((e) => !e.settled && parseCount(e.position.position_fp) !== 0n)) seen.add('open position');
      if (data.withdrawals.some((w) => w.status === 'applied' && w.fee_cents > 0)) seen.add('withdrawal with a fee');
      if (data.deposits.filter((d) => d.status === 'applied').length > 1) seen.add('deposits');
      if (data.subaccountTransfers.length > 0 && data.intraExchangeTransfers.length > 0) seen.add('transfers');
    }
    expect([...seen].sort()).toEqual([
      'YES and NO side by side', 'clicked sell', 'closed out before settlement', 'cross-direction close', 'deposits', 'fills without fees',
      'held into settlement', 'legacy fields absent', 'open position', 'partial close', 'result no', 'result scalar', 'result yes', 'transfers',
      'withdrawal with a fee',
    ]);
  });

  it('one subaccount has netting off, and GET /portfolio/subaccounts/netting says so', async () => {
    const { body } = await getJson(fake, '/portfolio/subaccounts/netting');
    const off = new Set(body.netting_configs.filter((n: { enabled: boolean }) => !n.enabled).map((n: { subaccount_number: number }) => n.subaccount_number));
    expect([...off]).toEqual([2]);
  });
});
