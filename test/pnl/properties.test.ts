/**
 * Properties of the engine over generated histories, checked against a plain simulation of cash
 * and positions that knows nothing of lots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Settlement } from '../../generated/schema.js';
import { computePnl, type PnlInput } from '../../src/pnl/index.js';
import { fill, settlement } from './history.js';

const TICKERS = ['KXA-26MAR01-A', 'KXA-26MAR01-B', 'KXB-26MAR02-C'];
const T0 = Date.UTC(2026, 2, 1) / 1000;
const DOLLAR = 1_000_000n;

interface Trade {
  market: number;
  subaccount: number;
  direction: 'yes' | 'no';
  hundredths: number;
  cents: number;
  feeCentiCents: number;
}

const trade = fc.record({
  market: fc.integer({ min: 0, max: TICKERS.length - 1 }),
  subaccount: fc.integer({ min: 0, max: 1 }),
  direction: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
  hundredths: fc.integer({ min: 1, max: 3000 }),
  cents: fc.integer({ min: 1, max: 99 }),
  feeCentiCents: fc.integer({ min: 0, max: 900 }),
});
const outcome = fc.option(fc.oneof(fc.constant<[string, number | undefined]>(['yes', undefined]), fc.constant<[string, number | undefined]>(['no', undefined]), fc.integer({ min: 0, max: 100 }).map((v): [string, number | undefined] => ['scalar', v])), { nil: undefined });

const history = fc.record({
  trades: fc.array(trade, { minLength: 1, maxLength: 60 }),
  outcomes: fc.tuple(outcome, outcome, outcome),
  marks: fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 })),
  nettingOff: fc.boolean(),
  split: fc.nat(),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

const hundredthsText = (n: number) => (n / 100).toFixed(2);
const micros = (hundredths: number, priceMicros: bigint) => (BigInt(hundredths) * priceMicros) / 100n;

/** The rows, and a lot-free simulation of cash, positions and fees, event by event in time. */
function build(h: History) {
  const fills: Fill[] = h.trades.map((t, i) =>
    fill({ ticker: TICKERS[t.market]!, subaccount: t.subaccount, direction: t.direction, count: hundredthsText(t.hundredths), yes: (t.cents / 100).toFixed(2), fee: (t.feeCentiCents / 10_000).toFixed(4), ts: T0 + i * 60 }),
  );
  const end = T0 + h.trades.length * 60;
  const settlements: Settlement[] = [];
  const payout = new Map<string, bigint>();
  h.outcomes.forEach((o, i) => {
    if (!o) return;
    const [result, value] = o;
    payout.set(TICKERS[i]!, value !== undefined ? BigInt(value) * 10_000n : result === 'yes' ? DOLLAR : 0n);
  });
  // Simulated: per event, its time and cash; positions (yes, no) per subaccount and market.
  const events: { ts: number; cash: bigint; fee: bigint }[] = [];
  const held = new Map<string, { yes: bigint; no: bigint }>();
  const netting = (subaccount: number) => !(h.nettingOff && subaccount === 1);
  h.trades.forEach((t, i) => {
    const key = `${t.subaccount}/${TICKERS[t.market]}`;
    const pos = held.get(key) ?? { yes: 0n, no: 0n };
    held.set(key, pos);
    const c = BigInt(t.hundredths);
    const paid = t.direction === 'yes' ? BigInt(t.cents) * 10_000n : DOLLAR - BigInt(t.cents) * 10_000n;
    let cash = -micros(t.hundredths, paid);
    const own = t.direction;
    const other = own === 'yes' ? 'no' : 'yes';
    let add = c;
    if (netting(t.subaccount)) {
      const netted = pos[other] < c ? pos[other] : c;
      pos[other] -= netted;
      add -= netted;
      cash += (netted * DOLLAR) / 100n; // each YES+NO pair is returned as $1
    }
    pos[own] += add;
    events.push({ ts: T0 + i * 60, cash, fee: BigInt(t.feeCentiCents) * 100n });
  });
  let s = 0;
  for (const [ticker, price] of payout) {
    const o = h.outcomes[TICKERS.indexOf(ticker)]!;
    let revenue = 0n;
    for (const [key, pos] of held) {
      if (!key.endsWith(`/${ticker}`)) continue;
      revenue += (pos.yes * price + pos.no * (DOLLAR - price)) / 100n;
      pos.yes = 0n;
      pos.no = 0n;
    }
    const ts = end + 60 * ++s;
    // One row per market here, so its revenue is every subaccount's.
    settlements.push(settlement(ticker, o[0] as 'yes' | 'no' | 'scalar', ts, Number(revenue / 10_000n), o[1]));
    events.push({ ts, cash: revenue, fee: 0n });
  }
  const markets = TICKERS.map((ticker, i) => ({ ticker, last_price_dollars: (h.marks[i]! / 100).toFixed(2) }));
  let marketValue = 0n;
  for (const [key, pos] of held) {
    const mark = BigInt(h.marks[TICKERS.indexOf(key.slice(key.indexOf('/') + 1))]!) * 10_000n;
    marketValue += (pos.yes * mark + pos.no * (DOLLAR - mark)) / 100n;
  }
  const input: PnlInput = { fills, settlements, markets, netting: [{ subaccount_number: 1, enabled: !h.nettingOff, exchange_index: 0 }] };
  return { input, events, held, marketValue, netting };
}


describe('P&L properties', () => {
  it('realized + unrealized − fees equals the cash change plus the change in holdings, over any window', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { input, events, marketValue } = build(h);
        const cuts = [...new Set(events.map((e) => e.ts))].sort((a, b) => a - b);
        const since = cuts[h.split % cuts.length]!;
        const full = computePnl(input);
        const before = computePnl(input, { until: since - 1 });
        const window = computePnl(input, { since });
        // Exactly the period: the window's realized and fees are the whole less what came before.
        expect(window.totals.realizedGross).toBe(full.totals.realizedGross - before.totals.realizedGross);
        expect(window.totals.fees).toBe(full.totals.fees - before.totals.fees);
        const inWindow = events.filter((e) => e.ts >= since);
        const cashChange = inWindow.reduce((sum, e) => sum + e.cash - e.fee, 0n);
        // Holdings: at cost when the window opens (what they were bought for), at the mark at the end.
        expect(window.totals.realizedGross + window.totals.unrealized - window.totals.fees).toBe(cashChange + marketValue - before.totals.openCost);
        // And over the whole history, from nothing.
        const allCash = events.reduce((sum, e) => sum + e.cash - e.fee, 0n);
        expect(full.totals.realizedNet + full.totals.unrealized).toBe(allCash + marketValue);
      }),
      { numRuns: 300 },
    );
  });

  it('FIFO and average cost agree on totals once every market has settled', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { input } = build({ ...h, outcomes: h.outcomes.map((o) => o ?? ['yes', undefined]) as typeof h.outcomes });
        const fifo = computePnl(input);
        const average = computePnl(input, { method: 'average' });
        expect(fifo.openLots).toEqual([]);
        expect(average.totals.realizedGross).toBe(fifo.totals.realizedGross);
        expect(average.totals.realizedNet).toBe(fifo.totals.realizedNet);
        expect(new Map(average.markets.map((m) => [`${m.subaccount}/${m.ticker}`, m.realizedGross]))).toEqual(new Map(fifo.markets.map((m) => [`${m.subaccount}/${m.ticker}`, m.realizedGross])));
      }),
      { numRuns: 200 },
    );
  });

  it('netting: a netted book never holds both sides; the open lots add up to the simulated position', () => {
    fc.assert(
      fc.property(history, fc.constantFrom<'fifo' | 'average'>('fifo', 'average'), (h, method) => {
        const { input, held, netting } = build({ ...h, outcomes: [undefined, undefined, undefined] });
        const r = computePnl(input, { method });
        const open = new Map<string, { yes: bigint; no: bigint }>();
        for (const lot of r.openLots) {
          const key = `${lot.subaccount}/${lot.ticker}`;
          const pos = open.get(key) ?? { yes: 0n, no: 0n };
          pos[lot.side] += lot.count;
          open.set(key, pos);
        }
        for (const [key, pos] of held) {
          const ours = open.get(key) ?? { yes: 0n, no: 0n };
          expect(ours).toEqual(pos);
          if (netting(Number(key.split('/')[0]))) expect(ours.yes === 0n || ours.no === 0n).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
