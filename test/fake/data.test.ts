import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { COUNT, DOLLARS, RFC3339, UUID, hundredths, micros } from '../support/fake-http.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi();
});
afterAll(() => fake.close());

const DAY_MS = 86_400_000;
const decimalsOf = (s: string) => s.split('.')[1]!.length;
/** Kalshi's four-row table: what was clicked to the direction. */
const CLICKED: Record<string, string> = { 'buy/yes': 'yes', 'sell/no': 'yes', 'buy/no': 'no', 'sell/yes': 'no' };

describe('determinism', () => {
  it('the same seed makes the same data, another seed other data', async () => {
    const [a, b, c] = await Promise.all([startFakeKalshi({ seed: 9 }), startFakeKalshi({ seed: 9 }), startFakeKalshi({ seed: 10 })]);
    try {
      expect(a.data).toEqual(b.data);
      expect(c.data.fills[0]).not.toEqual(a.data.fills[0]);
      expect(c.data.now).not.toBe(a.data.now);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('the default seed is 1 and "now" does not follow the wall clock', async () => {
    const one = await startFakeKalshi({ seed: 1, fills: 5, settlements: 2, marketPositions: 3 });
    try {
      expect(one.data.seed).toBe(1);
      expect(fake.data.seed).toBe(1);
      expect(one.data.now).toBe(fake.data.now);
    } finally {
      await one.close();
    }
  });

  it('honours the size options: fills exactly, a settled history per settlement, marketPositions more in unsettled markets', async () => {
    const small = await startFakeKalshi({ seed: 4, fills: 31, settlements: 9, marketPositions: 12 });
    const starved = await startFakeKalshi({ seed: 4, fills: 5, settlements: 9, marketPositions: 12 });
    try {
      expect(small.data.fills).toHaveLength(31);
      expect(small.data.settlements).toHaveLength(9);
      // Every settled market keeps its position record too.
      expect(small.data.marketPositions).toHaveLength(9 + 12);
      expect(small.data.marketPositions.filter((e) => e.settled)).toHaveLength(9);
      // Every traded history needs a fill: with 5 fills, at most 5 histories trade (resting-only ones need none).
      expect(starved.data.fills).toHaveLength(5);
      const traded = starved.data.marketPositions.filter((e) => micros(e.position.total_traded_dollars) > 0);
      expect(traded.length).toBeLessThanOrEqual(5);
      expect(starved.data.settlements.length).toBeLessThanOrEqual(5);
    } finally {
      await Promise.all([small.close(), starved.close()]);
    }
  });
});

describe('fills', () => {
  it('has 250 by default with every Fill field of the right type', () => {
    expect(fake.data.fills).toHaveLength(250);
    for (const f of fake.data.fills) {
      expect(f.fill_id).toMatch(UUID);
      expect(f.order_id).toMatch(UUID);
      expect(f.trade_id).toBe(f.fill_id);
      expect(f.market_ticker).toBe(f.ticker);
      expect(f.ticker).toMatch(/^KX[A-Z]+-[0-9A-Z]+-[0-9A-Z.]+$/);
      expect([0, 1, 2]).toContain(f.exchange_index);
      // One bit in two words: yes+bid or no+ask, never yes+ask or no+bid.
      expect(['yes/bid', 'no/ask']).toContain(`${f.outcome_side}/${f.book_side}`);
      // The deprecated literals are both there or both absent; there, they follow Kalshi's four-row table.
      expect(f.side === undefined).toBe(f.action === undefined);
      if (f.side !== undefined) expect(CLICKED[`${f.action}/${f.side}`]).toBe(f.outcome_side);
      expect(f.count_fp).toMatch(COUNT);
      expect(hundredths(f.count_fp)).toBeGreaterThan(0);
      expect(f.yes_price_dollars).toMatch(DOLLARS);
      expect(f.no_price_dollars).toMatch(DOLLARS);
      expect(micros(f.yes_price_dollars) + micros(f.no_price_dollars)).toBe(1_000_000);
      expect(typeof f.is_taker).toBe('boolean');
      expect(f.created_time).toMatch(RFC3339);
      expect(f.ts).toBe(Math.floor(Date.parse(f.created_time) / 1000));
      expect(f.fee_cost).toMatch(DOLLARS);
      expect(Number.isInteger(f.subaccount_number)).toBe(true);
    }
  });

  it('is newest first and spread over about six months before the fixed now', () => {
    const times = fake.data.fills.map((f) => f.created_time);
    for (let i = 1; i < times.length; i++) expect(times[i - 1]! >= times[i]!).toBe(true);
    const newest = Date.parse(times[0]!);
    const oldest = Date.parse(times.at(-1)!);
    expect(newest).toBeLessThanOrEqual(fake.data.now);
    expect(fake.data.now - oldest).toBeLessThanOrEqual(184 * DAY_MS);
    expect(newest - oldest).toBeGreaterThan(150 * DAY_MS);
  });

  it('covers subaccounts 0..3, exchange indexes 0..2, several series, and multi-fill orders', () => {
    expect(new Set(fake.data.fills.map((f) => f.subaccount_number))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(fake.data.fills.map((f) => f.exchange_index))).toEqual(new Set([0, 1, 2]));
    expect(new Set(fake.data.fills.map((f) => f.ticker.split('-')[0])).size).toBeGreaterThanOrEqual(6);
    const perOrder = new Map<string, number>();
    for (const f of fake.data.fills) perOrder.set(f.order_id, (perOrder.get(f.order_id) ?? 0) + 1);
    expect([...perOrder.values()].some((n) => n > 1)).toBe(true);
  });

  it('uses each ticker on one exchange shard only', () => {
    const shard = new Map<string, number>();
    for (const m of fake.data.markets) shard.set(m.ticker, m.exchange_index);
    for (const f of fake.data.fills) expect(shard.get(f.ticker)).toBe(f.exchange_index);
  });
});

describe('settlements', () => {
  it('has every Settlement field, newest first, with revenue consistent with the result', () => {
    const rows = fake.data.settlements.map((e) => e.settlement);
    expect(rows).toHaveLength(60);
    for (const s of rows) {
      expect(s.ticker.startsWith(`${s.event_ticker}-`)).toBe(true);
      expect([0, 1, 2]).toContain(s.exchange_index);
      expect(['yes', 'no', 'scalar']).toContain(s.market_result);
      for (const c of [s.yes_count_fp, s.no_count_fp]) expect(c).toMatch(COUNT);
      for (const d of [s.yes_total_cost_dollars, s.no_total_cost_dollars, s.fee_cost]) expect(d).toMatch(DOLLARS);
      expect(s.settled_time).toMatch(RFC3339);
      expect(Date.parse(s.settled_time)).toBeLessThanOrEqual(fake.data.now);
      expect(Number.isInteger(s.revenue)).toBe(true);
      const value = s.value!;
      if (s.market_result === 'yes') expect(value).toBe(100);
      if (s.market_result === 'no') expect(value).toBe(0);
      if (s.market_result === 'scalar') expect(value > 0 && value < 100).toBe(true);
      const expected = Math.floor((hundredths(s.yes_count_fp) * value + hundredths(s.no_count_fp) * (100 - value)) / 100);
      expect(s.revenue).toBe(expected);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.settled_time >= rows[i]!.settled_time).toBe(true);
    expect(new Set(rows.map((s) => s.market_result))).toContain('yes');
    expect(new Set(rows.map((s) => s.market_result))).toContain('no');
  });

  it('settles the same market the same way for every subaccount', () => {
    const byTicker = new Map<string, string>();
    for (const { settlement: s } of fake.data.settlements) {
      const key = `${s.market_result}/${s.value}/${s.settled_time}`;
      expect(byTicker.get(s.ticker) ?? key).toBe(key);
      byTicker.set(s.ticker, key);
    }
  });
});

describe('positions', () => {
  it('has every MarketPosition field plus resting_orders_count', () => {
    for (const { position: p, subaccount, event_ticker } of fake.data.marketPositions) {
      expect([0, 1, 2, 3]).toContain(subaccount);
      expect(p.ticker.startsWith(`${event_ticker}-`)).toBe(true);
      expect([0, 1, 2]).toContain(p.exchange_index);
      for (const d of [p.total_traded_dollars, p.market_exposure_dollars, p.realized_pnl_dollars, p.fees_paid_dollars]) expect(d).toMatch(DOLLARS);
      expect(p.position_fp).toMatch(COUNT);
      expect(p.last_updated_ts).toMatch(RFC3339);
      expect(Number.isInteger(p.resting_orders_count)).toBe(true);
    }
    const positions = fake.data.marketPositions.map((e) => hundredths(e.position.position_fp));
    expect(positions.some((p) => p < 0)).toBe(true);
    expect(positions.some((p) => p > 0)).toBe(true);
    // Closed-out positions (traded, now flat) and resting-only ones (nothing traded) both occur.
    const flat = fake.data.marketPositions.filter((e) => hundredths(e.position.position_fp) === 0);
    expect(flat.some((e) => micros(e.position.total_traded_dollars) > 0)).toBe(true);
    expect(flat.some((e) => micros(e.position.total_traded_dollars) === 0)).toBe(true);
  });

  it('groups market positions by event and event positions aggregate their markets', () => {
    const rows = fake.data.marketPositions;
    // Grouped: once an event's run ends (per subaccount), it does not come back.
    for (const sub of [0, 1, 2, 3]) {
      const events = rows.filter((e) => e.subaccount === sub).map((e) => e.event_ticker);
      const runs = events.filter((e, i) => i === 0 || events[i - 1] !== e);
      expect(new Set(runs).size).toBe(runs.length);
    }
    expect(fake.data.eventPositions.length).toBeLessThan(rows.length);
    for (const { subaccount, position: ev } of fake.data.eventPositions) {
      const markets = rows.filter((e) => e.subaccount === subaccount && e.event_ticker === ev.event_ticker).map((e) => e.position);
      expect(markets.length).toBeGreaterThan(0);
      const sum = (f: (p: (typeof markets)[number]) => number) => markets.reduce((a, p) => a + f(p), 0);
      expect(micros(ev.event_exposure_dollars)).toBe(sum((p) => micros(p.market_exposure_dollars)));
      expect(micros(ev.total_cost_dollars)).toBe(sum((p) => micros(p.market_exposure_dollars)));
      expect(hundredths(ev.total_cost_shares_fp)).toBe(sum((p) => Math.abs(hundredths(p.position_fp))));
      expect(micros(ev.realized_pnl_dollars)).toBe(sum((p) => micros(p.realized_pnl_dollars)));
      expect(micros(ev.fees_paid_dollars)).toBe(sum((p) => micros(p.fees_paid_dollars)));
    }
    const pairs = new Set(rows.map((e) => `${e.subaccount}/${e.event_ticker}`));
    expect(fake.data.eventPositions).toHaveLength(pairs.size);
  });
});

describe('settled positions and the account seed', () => {
  it('marks positions settled exactly when their market has settled', () => {
    const settles = new Map(fake.data.markets.map((m) => [m.ticker, m.settlement_ts * 1000]));
    for (const e of fake.data.marketPositions) expect(e.settled).toBe(settles.get(e.position.ticker)! <= fake.data.now);
    expect(fake.data.marketPositions.some((e) => e.settled)).toBe(true);
    // Some settled positions are older than the default cutoff, so the historical split is exercised.
    expect(fake.data.marketPositions.some((e) => e.settled && Date.parse(e.position.last_updated_ts) < fake.data.now - 90 * DAY_MS)).toBe(true);
  });

  it('seeds netting per subaccount and shard, a whole allocation, and transfers between existing subaccounts', () => {
    const { netting, targetBalanceAllocation, subaccountTransfers, intraExchangeTransfers, subaccounts, exchangeIndexes } = fake.data;
    expect(netting.map((n) => `${n.subaccount_number}/${n.exchange_index}`)).toEqual(subaccounts.flatMap((s) => exchangeIndexes.map((i) => `${s}/${i}`)));
    expect(targetBalanceAllocation.allocations.reduce((a, x) => a + x.percent, 0)).toBe(100);
    expect(['max', 'sum']).toContain(targetBalanceAllocation.resting_margin_reservation);
    for (const t of subaccountTransfers) {
      expect(subaccounts).toContain(t.from_subaccount);
      expect(subaccounts).toContain(t.to_subaccount);
      expect(exchangeIndexes).toContain(t.exchange_index);
      expect(t.created_ts).toBeLessThan(fake.data.now / 1000);
    }
    for (const t of intraExchangeTransfers) {
      expect(t.amount).toMatch(DOLLARS);
      expect(micros(t.amount) % 10_000).toBe(0);
      expect(t.source === t.destination && t.source_exchange_shard === t.destination_exchange_shard).toBe(false);
    }
    for (const c of fake.data.marginedCash) expect(c.balance_dollars).toMatch(DOLLARS);
  });

  it('starts the account state from the seed', () => {
    const state = fake.state;
    expect(state.subaccounts).toEqual(fake.data.subaccounts);
    expect(state.cash.map((c) => [c.subaccount, c.exchange_index, micros(c.balance_dollars)]))
      .toEqual(fake.data.cash.map((c) => [c.subaccount, c.exchange_index, micros(c.balance_dollars)]));
    expect(state.marginedCash).toEqual(fake.data.marginedCash);
    expect(state.netting).toEqual(fake.data.netting);
    expect(state.subaccountTransfers).toEqual(fake.data.subaccountTransfers);
    expect(state.intraExchangeTransfers).toEqual(fake.data.intraExchangeTransfers);
    expect(state.targetBalanceAllocation).toEqual(fake.data.targetBalanceAllocation);
    expect(state.clientTransferIds).toEqual([]);
    // A snapshot is a copy.
    state.netting[0]!.enabled = !state.netting[0]!.enabled;
    expect(fake.state.netting).toEqual(fake.data.netting);
  });
});

describe('balances and resting orders', () => {
  it('reports whole, truncated cents that match the dollar strings and the per-shard breakdown', () => {
    const b = fake.data.balance;
    expect(b.balance_dollars).toMatch(DOLLARS);
    expect(b.balance).toBe(Math.trunc(micros(b.balance_dollars) / 10_000));
    expect(b.balance_breakdown.map((x) => x.exchange_index)).toEqual([0, 1, 2]);
    expect(b.balance_breakdown.reduce((a, x) => a + micros(x.balance), 0)).toBe(micros(b.balance_dollars));
    expect(Number.isInteger(b.portfolio_value)).toBe(true);
    expect(b.updated_ts).toBe(Math.floor(fake.data.now / 1000));
    const cash0 = fake.data.cash.filter((c) => c.subaccount === 0).reduce((a, c) => a + micros(c.balance_dollars), 0);
    expect(micros(b.balance_dollars)).toBe(cash0);
  });

  it('gives a resting order total equal to its breakdown', () => {
    const r = fake.data.restingOrderValue;
    expect(r.resting_order_value_breakdown.length).toBeGreaterThan(0);
    const sum = r.resting_order_value_breakdown.reduce((a, x) => a + micros(x.balance), 0);
    expect(r.total_resting_order_value).toBe(Math.trunc(sum / 10_000));
    expect(r.total_resting_order_value).toBeGreaterThan(0);
  });
});

describe('fixed-point formats', () => {
  it('uses 2, 4 and 6 decimals across dollar fields and exactly 2 for counts', () => {
    const dollars = [
      ...fake.data.fills.flatMap((f) => [f.yes_price_dollars, f.fee_cost]),
      ...fake.data.settlements.flatMap((e) => [e.settlement.yes_total_cost_dollars, e.settlement.fee_cost]),
      ...fake.data.marketPositions.flatMap((e) => [e.position.market_exposure_dollars, e.position.fees_paid_dollars]),
    ];
    expect(new Set(dollars.map(decimalsOf))).toEqual(new Set([2, 4, 6]));
    expect(fake.data.fills.some((f) => f.count_fp.endsWith('.00'))).toBe(true);
  });
});
