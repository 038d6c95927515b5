import { describe, expect, it } from 'vitest';
import { KalshiInputError } from '../../src/errors.js';
import { computePnl, groupPnl, oldestFirst } from '../../src/pnl/index.js';
import { fill, position, settlement } from './history.js';

const T = Date.UTC(2026, 2, 1) / 1000; // March 2026: after fee_cost exists on every fill
const $ = (dollars: number) => BigInt(Math.round(dollars * 1e6));

describe('lots', () => {
  const fills = [
    fill({ direction: 'yes', count: '10.00', yes: '0.40', ts: T }),
    fill({ direction: 'yes', count: '10.00', yes: '0.60', ts: T + 1 }),
    // sells 15 YES at 0.70 (a no-direction fill)
    fill({ direction: 'no', count: '15.00', yes: '0.70', ts: T + 2 }),
  ];

  it('FIFO closes the oldest lots first', () => {
    const r = computePnl({ fills }, { lots: true });
    expect(r.totals.realizedGross).toBe($(3.5)); // 10 × 0.30 + 5 × 0.10
    expect(r.closedLots.map((l) => [l.count, l.cost, l.proceeds])).toEqual([
      [1000n, $(4), $(7)],
      [500n, $(3), $(3.5)],
    ]);
    expect(r.openLots).toEqual([expect.objectContaining({ side: 'yes', count: 500n, cost: $(3), mark: 'cost' })]);
    expect(r.markets[0]!.position).toBe(500n);
  });

  it('average cost closes at the pool average', () => {
    const r = computePnl({ fills }, { method: 'average' });
    expect(r.totals.realizedGross).toBe($(3)); // 15 × (0.70 − 0.50)
    expect(r.openLots).toEqual([expect.objectContaining({ count: 500n, cost: $(2.5) })]);
  });

  it('a yes-direction fill against NO lots closes them at 1 − p', () => {
    const r = computePnl({
      fills: [
        fill({ direction: 'no', count: '10.00', yes: '0.30', ts: T }), // 10 NO at 0.70
        fill({ direction: 'yes', count: '4.00', yes: '0.20', ts: T + 1 }), // closes 4 NO at 0.80
      ],
      balances: [{ subaccount_number: 0, exchange_index: 0, balance: '0.00', updated_ts: 0 }],
    });
    expect(r.totals.realizedGross).toBe($(0.4));
    expect(r.openLots).toEqual([expect.objectContaining({ side: 'no', count: 600n, cost: $(4.2) })]);
    // −7.00 for the NO, +4 × 0.80 back from netting
    expect(r.reconciliation.cash!.fillCash).toBe($(-3.8));
  });

  it('a fill larger than the other side closes it and opens the rest on its own side', () => {
    const r = computePnl({
      fills: [fill({ direction: 'no', count: '5.00', yes: '0.30', ts: T }), fill({ direction: 'yes', count: '8.00', yes: '0.25', ts: T + 1 })],
    });
    expect(r.totals.realizedGross).toBe($(5 * (0.75 - 0.7)));
    expect(r.openLots).toEqual([expect.objectContaining({ side: 'yes', count: 300n, cost: $(0.75) })]);
  });

  it('names the fill whose direction cannot be read', () => {
    const bad = { ...fill({ direction: 'no', count: '1.00', yes: '0.5', ts: T }), book_side: 'bid' as const };
    expect(() => computePnl({ fills: [bad] })).toThrow(new RegExp(`^fill ${bad.fill_id} in KXT-26JAN01-A: outcome_side "no" and book_side "bid" disagree`));
  });

  it('refuses fills that are not oldest first, and oldestFirst sorts them', () => {
    const unsorted = [fill({ direction: 'yes', count: '1.00', yes: '0.5', ts: T + 5 }), fill({ direction: 'no', count: '1.00', yes: '0.6', ts: T })];
    expect(() => computePnl({ fills: unsorted })).toThrow(KalshiInputError);
    expect(computePnl({ fills: oldestFirst(unsorted) }).totals.realizedGross).toBe($(0.1)); // NO bought at 0.40, netted at 0.50
  });
});

describe('settlements', () => {
  const ticker = 'KXT-26JAN01-A';
  const bought = [fill({ direction: 'yes', count: '10.00', yes: '0.40', ts: T }), fill({ direction: 'no', count: '4.00', yes: '0.50', ts: T + 1 })];
  // After the netting: 6 YES at 0.40 open, 4 closed at 0.50.

  it.each([
    ['yes', undefined, 4 * 0.1 + 6 * 0.6],
    ['no', undefined, 4 * 0.1 - 6 * 0.4],
    ['scalar', 25, 4 * 0.1 + 6 * (0.25 - 0.4)],
  ] as const)('close what is open at the settlement price (%s)', (result, value, realized) => {
    const revenue = result === 'yes' ? 600 : result === 'no' ? 0 : 150;
    const r = computePnl({ fills: bought, settlements: [settlement(ticker, result, T + 100, revenue, value)] }, { lots: true });
    // The revenue is the cash for those contracts, never added on top of them.
    expect(r.totals.realizedGross).toBe($(realized));
    expect(r.openLots).toEqual([]);
    expect(r.closedLots.at(-1)).toMatchObject({ closedBy: 'settlement', count: 600n });
  });

  it('pays NO lots the complement of a scalar value', () => {
    const r = computePnl({ fills: [fill({ direction: 'no', count: '10.00', yes: '0.40', ts: T })], settlements: [settlement(ticker, 'scalar', T + 9, 750, 25)] });
    expect(r.totals.realizedGross).toBe($(10 * (0.75 - 0.6)));
  });

  it('holds YES and NO side by side in a subaccount with netting off, and settles both', () => {
    const fills = [
      fill({ direction: 'yes', count: '10.00', yes: '0.40', ts: T, subaccount: 3 }),
      fill({ direction: 'no', count: '10.00', yes: '0.45', ts: T + 1, subaccount: 3 }),
    ];
    const netting = [{ subaccount_number: 3, enabled: false, exchange_index: 0 }];
    const open = computePnl({ fills, netting });
    expect(open.totals.realizedGross).toBe(0n);
    expect(open.openLots.map((l) => [l.side, l.count])).toEqual([
      ['yes', 1000n],
      ['no', 1000n],
    ]);
    const settled = computePnl({ fills, netting, settlements: [settlement(ticker, 'yes', T + 5, 1000)] });
    expect(settled.totals.realizedGross).toBe($(10 * 0.6 - 10 * 0.55));
    // The same fills netted close at the trade instead.
    expect(computePnl({ fills }).totals.realizedGross).toBe($(10 * 0.05));
  });

  it('warns about a scalar settlement without a value and leaves the lots open', () => {
    const r = computePnl({ fills: bought, settlements: [settlement(ticker, 'scalar', T + 100, 0)] });
    expect(r.warnings).toEqual([expect.stringContaining('has no value')]);
    expect(r.openLots).toHaveLength(1);
  });
});

describe('fees', () => {
  it('attach to the fills that paid them: gross and net, and per lot', () => {
    const r = computePnl(
      {
        fills: [
          fill({ direction: 'yes', count: '10.00', yes: '0.40', fee: '0.1700', ts: T }),
          fill({ direction: 'no', count: '10.00', yes: '0.50', fee: '0.1800', ts: T + 1 }),
        ],
      },
      { lots: true },
    );
    expect(r.totals).toMatchObject({ realizedGross: $(1), fees: $(0.35), realizedNet: $(0.65), estimatedFees: 0n });
    expect(r.closedLots).toEqual([expect.objectContaining({ fees: $(0.35), gain: $(0.65), feesEstimated: false })]);
  });

  it("splits an opening fill's fee over the lots it becomes, exactly", () => {
    const r = computePnl(
      {
        fills: [
          fill({ direction: 'yes', count: '3.00', yes: '0.40', fee: '0.0100', ts: T }),
          fill({ direction: 'no', count: '1.00', yes: '0.50', ts: T + 1 }),
          fill({ direction: 'no', count: '2.00', yes: '0.50', ts: T + 2 }),
        ],
      },
      { lots: true },
    );
    expect(r.closedLots.map((l) => l.fees)).toEqual([3333n, 6667n]);
  });

  it('archived fills without fee_cost take the market fees_paid_dollars, marked estimated', () => {
    const old = Date.UTC(2025, 9, 1) / 1000;
    const ticker = 'KXOLD-25OCT01-A';
    const r = computePnl(
      {
        fills: [
          fill({ ticker, direction: 'yes', count: '10.00', yes: '0.40', fee: undefined, ts: old }),
          fill({ ticker, direction: 'no', count: '10.00', yes: '0.50', fee: '0.0000', ts: old + 1 }),
        ],
        positions: [position(ticker, '0.00', '1.00', '0.30')],
      },
      { lots: true },
    );
    expect(r.totals).toMatchObject({ fees: $(0.3), estimatedFees: $(0.3), realizedNet: $(0.7) });
    expect(r.closedLots[0]!.feesEstimated).toBe(true);
    expect(r.reconciliation.markets[0]!.fees).toEqual({ ours: 0n, kalshi: $(0.3), difference: $(-0.3) });
  });
});

describe('periods', () => {
  const fills = [
    fill({ direction: 'yes', count: '10.00', yes: '0.40', fee: '0.10', ts: T }),
    fill({ direction: 'no', count: '10.00', yes: '0.50', fee: '0.10', ts: T + 100 }),
    fill({ direction: 'yes', count: '10.00', yes: '0.30', fee: '0.10', ts: T + 200 }),
    fill({ direction: 'no', count: '5.00', yes: '0.60', fee: '0.10', ts: T + 300 }),
  ];

  it('count exactly what was realized and paid in the period', () => {
    const r = computePnl({ fills }, { since: T + 150 });
    expect(r.totals).toMatchObject({ realizedGross: $(1.5), fees: $(0.2), closedCount: 500n });
    const before = computePnl({ fills }, { until: T + 150 });
    expect(before.totals).toMatchObject({ realizedGross: $(1), fees: $(0.2), openCost: 0n });
  });

  it('value what is open at a past period end at cost, and at the market at the end of the history', () => {
    const mid = computePnl({ fills }, { until: T + 250, since: T + 150 });
    expect(mid.openLots).toEqual([expect.objectContaining({ count: 1000n, mark: 'cost', value: $(3) })]);
    expect(mid.totals.unrealized).toBe(0n);
    const markets = [{ ticker: 'KXT-26JAN01-A', yes_bid_dollars: '0.50', yes_ask_dollars: '0.60' }];
    const now = computePnl({ fills, markets });
    expect(now.openLots).toEqual([expect.objectContaining({ count: 500n, mark: 'market', value: $(2.75) })]);
    expect(now.totals.unrealized).toBe($(2.75 - 1.5));
    expect(computePnl({ fills, markets: [{ ticker: 'KXT-26JAN01-A', last_price_dollars: '0.20' }] }).totals.unrealized).toBe($(1 - 1.5));
  });

  it('groups by month, year, series and subaccount with the same totals', () => {
    const spread = [
      fill({ ticker: 'KXA-26MAR01-X', direction: 'yes', count: '1.00', yes: '0.40', ts: T }),
      fill({ ticker: 'KXA-26MAR01-X', direction: 'no', count: '1.00', yes: '0.50', ts: T + 40 * 86_400 }),
      fill({ ticker: 'KXB-26MAR01-Y', direction: 'yes', count: '2.00', yes: '0.40', ts: T + 41 * 86_400, subaccount: 2 }),
      fill({ ticker: 'KXB-26MAR01-Y', direction: 'no', count: '2.00', yes: '0.30', ts: T + 42 * 86_400, subaccount: 2 }),
    ];
    const r = computePnl({ fills: spread });
    expect(groupPnl(r, 'month').map((g) => [g.key, g.realizedGross])).toEqual([['2026-04', $(0.1 - 0.2)]]);
    expect(groupPnl(r, 'series').map((g) => [g.key, g.realizedGross])).toEqual([
      ['KXA', $(0.1)],
      ['KXB', $(-0.2)],
    ]);
    expect(groupPnl(r, 'event').map((g) => g.key)).toEqual(['KXA-26MAR01', 'KXB-26MAR01']);
    expect(groupPnl(r, 'subaccount').map((g) => g.key)).toEqual(['0', '2']);
    expect(groupPnl(r, 'year')).toEqual([expect.objectContaining({ key: '2026', realizedNet: r.totals.realizedNet })]);
  });
});

describe('reconciliation', () => {
  it('compares position, fee-free realized and fees with Kalshi, and flags missing history', () => {
    const r = computePnl({
      fills: [
        fill({ ticker: 'KXA-1-A', direction: 'yes', count: '10.00', yes: '0.40', fee: '0.05', ts: T }),
        fill({ ticker: 'KXA-1-A', direction: 'no', count: '4.00', yes: '0.50', fee: '0.02', ts: T + 1 }),
        // The first fill we have of KXA-1-B sells YES bought before our history starts.
        fill({ ticker: 'KXA-1-B', direction: 'no', count: '3.00', yes: '0.50', ts: T + 2 }),
      ],
      positions: [position('KXA-1-A', '6.00', '0.40', '0.07'), position('KXA-1-B', '0.00', '0.30', '0.00')],
    });
    const [a, b] = r.reconciliation.markets;
    expect(a).toMatchObject({ position: { difference: 0n }, realized: { difference: 0n }, fees: { difference: 0n }, incomplete: false });
    expect(b).toMatchObject({ position: { ours: -300n, kalshi: 0n }, incomplete: true });
    expect(r.reconciliation.incomplete).toEqual([expect.objectContaining({ ticker: 'KXA-1-B', reason: expect.stringContaining('missing') })]);
  });

  it('a zero fee_cost on any date counts as unknown where Kalshi reports more fees than the fills carry', () => {
    const ticker = 'KXA-26MAY01-Z';
    const r = computePnl({
      fills: [
        // May 2026, archived before Kalshi filled in fee_cost: "0.000000" though fees were paid.
        fill({ ticker, direction: 'yes', count: '10.00', yes: '0.40', fee: '0.000000', ts: T + 60 * 86_400 }),
        fill({ ticker, direction: 'no', count: '10.00', yes: '0.50', fee: '0.000000', ts: T + 61 * 86_400 }),
        // A genuinely free fill in a market whose fees the fills explain: nothing estimated.
        fill({ direction: 'yes', count: '1.00', yes: '0.40', fee: '0.0000', ts: T + 62 * 86_400 }),
      ],
      positions: [position(ticker, '0.00', '1.00', '0.30'), position('KXT-26JAN01-A', '1.00', '0.00', '0.00')],
    });
    expect(r.totals).toMatchObject({ fees: $(0.3), estimatedFees: $(0.3), realizedNet: $(0.7) });
  });

  it('counts complete transfers to and from the margined instance in the cash identity', () => {
    const transfer = (id: string, source: 'event_contract' | 'margined', status: 'complete' | 'pending', amount: string) => ({
      transfer_id: id, source, destination: source === 'margined' ? ('event_contract' as const) : ('margined' as const),
      source_exchange_shard: 0, destination_exchange_shard: 0, amount, status, created_ts: T,
    });
    const r = computePnl({
      fills: [],
      deposits: [{ id: 'd1', status: 'applied', type: 'debit', amount_cents: 10_000, fee_cents: 0, created_ts: T - 10 }],
      intraTransfers: [transfer('i1', 'event_contract', 'complete', '30.00'), transfer('i2', 'margined', 'complete', '5.00'), transfer('i3', 'event_contract', 'pending', '7.00')],
      balances: [{ subaccount_number: 0, exchange_index: 0, balance: '75.0000', updated_ts: T + 30 }],
    });
    expect(r.reconciliation.cash).toMatchObject({ intraTransfers: $(-25), expected: $(75), residual: 0n });
  });

  it('shows the cash identity and its residual', () => {
    const r = computePnl({
      fills: [fill({ direction: 'yes', count: '10.00', yes: '0.40', fee: '0.07', ts: T })],
      settlements: [settlement('KXT-26JAN01-A', 'yes', T + 10, 1000)],
      deposits: [
        { id: 'd1', status: 'applied', type: 'debit', amount_cents: 10_000, fee_cents: 200, created_ts: T - 10 },
        { id: 'd2', status: 'failed', type: 'ach', amount_cents: 50_000, fee_cents: 0, created_ts: T - 10 },
      ],
      withdrawals: [{ id: 'w1', status: 'applied', type: 'wire', amount_cents: 1_000, fee_cents: 2_500, created_ts: T + 20 }],
      transfers: [{ transfer_id: 't1', from_subaccount: 0, to_subaccount: 1, amount_cents: 500, created_ts: T, exchange_index: 0 }],
      balances: [{ subaccount_number: 0, exchange_index: 0, balance: '58.4300', updated_ts: T + 30 }],
    });
    // 100 − 2 − 10 − 25 − 4 + 10 − 0.07 − 5 = 63.93 expected; the balance says 58.43
    expect(r.reconciliation.cash).toMatchObject({ expected: $(63.93), residual: $(-5.5), settlementRevenue: $(10), transfers: $(-5) });
  });
});
