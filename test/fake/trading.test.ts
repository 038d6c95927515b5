/**
 * Runtime trades (`fake.trade()` and the `activity` option) follow the same rules as the seeded
 * history: only pairs Kalshi sends, positions by FIFO with netting, and cash by the identity.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEffect } from '../../src/direction.js';
import { parseCount, parseDollars } from '../../src/money.js';
import { type FakeKalshi, type MarketInfo, cashTerms, startFakeKalshi } from '../../src/testing/index.js';
import { getJson, sendJson, withFake } from '../support/fake-http.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 13 });
});
afterAll(() => fake.close());

/** A market open for at least another hour that subaccount 0 has not traded. */
function freshMarket(target: FakeKalshi): MarketInfo {
  const nowS = target.data.now / 1000;
  const traded = new Set(target.data.fills.filter((f) => f.subaccount_number === 0).map((f) => f.ticker));
  return target.data.markets.find((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600 && !traded.has(m.ticker))!;
}

const cashOf = (target: FakeKalshi, exchangeIndex: number) =>
  parseDollars(target.state.cash.find((c) => c.subaccount === 0 && c.exchange_index === exchangeIndex)!.balance_dollars);
const positionOf = (target: FakeKalshi, ticker: string) =>
  target.data.marketPositions.find((e) => e.subaccount === 0 && e.position.ticker === ticker)!.position;
const identityHolds = (target: FakeKalshi) => {
  const rows = { ...target.data, ...target.state };
  for (const c of target.state.cash) {
    expect(cashTerms(rows, { instance: 'event_contract', subaccount: c.subaccount, exchangeIndex: c.exchange_index }).total, `${c.subaccount}/${c.exchange_index}`)
      .toBe(parseDollars(c.balance_dollars));
  }
};

describe('fake.trade()', () => {
  it('opens, partly closes and crosses a position by FIFO; the cash pays for contracts, gets $1 per netted pair, and pays the fee', async () => {
    const market = freshMarket(fake);
    const before = cashOf(fake, market.exchange_index);
    const trade = (outcome_side: 'yes' | 'no', count_fp: string, price_dollars: string) =>
      fake.trade({ ticker: market.ticker, outcome_side, count_fp, price_dollars, is_taker: false });

    const open = await trade('yes', '5.00', '0.4000');
    expect([open.book_side, open.side, open.action]).toEqual(['bid', 'yes', 'buy']);
    // Selling 2 YES is a `no` fill: it closes 2 of the 5 YES at 0.55 (2 × (0.55 − 0.40) = 0.30 realized).
    const partial = await trade('no', '2.00', '0.5500');
    expect([partial.book_side, partial.side, partial.action]).toEqual(['ask', 'yes', 'sell']);
    let position = positionOf(fake, market.ticker);
    expect([position.position_fp, position.realized_pnl_dollars, position.market_exposure_dollars]).toEqual(['3.00', '0.3000', '1.20']);
    // 6 more `no` at YES 0.50: closes the 3 YES left (3 × 0.10) and opens 3 NO at 0.50.
    await trade('no', '6.00', '0.5000');
    position = positionOf(fake, market.ticker);
    expect([position.position_fp, position.realized_pnl_dollars, position.market_exposure_dollars]).toEqual(['-3.00', '0.6000', '1.50']);
    expect(position.total_traded_dollars).toBe('5.9000');

    const fills = fake.data.fills.filter((f) => f.ticker === market.ticker && f.subaccount_number === 0);
    const fees = fills.reduce((s, f) => s + parseDollars(f.fee_cost), 0n);
    expect(parseDollars(position.fees_paid_dollars)).toBe(fees);
    expect(fills.reduce((s, f) => s + fillEffect(f).signedCount, 0n)).toBe(parseCount(position.position_fp));
    // Paid 2.00 + 0.90 + 3.00; netted 2 + 3 pairs back at $1 each.
    expect(cashOf(fake, market.exchange_index) - before).toBe(-5_900_000n + 5_000_000n - fees);
    identityHolds(fake);
    const { body } = await getJson(fake, `/portfolio/positions?ticker=${market.ticker}`);
    expect(body.market_positions[0]).toEqual(position);
  });

  it('takes the direction from either field, refuses a pair Kalshi never sends, and changes nothing then', async () => {
    const market = freshMarket(fake);
    const fills = fake.data.fills.length;
    const cash = fake.state.cash;
    await expect(fake.trade({ ticker: market.ticker, outcome_side: 'yes', book_side: 'ask', count_fp: '1.00', price_dollars: '0.5000' }))
      .rejects.toThrow(/outcome_side "yes" and book_side "ask" disagree/);
    await expect(fake.trade({ ticker: market.ticker, count_fp: '1.00', price_dollars: '0.5000' })).rejects.toThrow(RangeError);
    expect(fake.data.fills).toHaveLength(fills);
    expect(fake.state.cash).toEqual(cash);
    const byBook = await fake.trade({ ticker: market.ticker, book_side: 'ask', count_fp: '1.00', price_dollars: '0.5000', action: 'sell' });
    expect([byBook.outcome_side, byBook.side, byBook.action]).toEqual(['no', 'yes', 'sell']);
    identityHolds(fake);
  });

  it('refuses a trade the cash cannot pay for', async () => {
    const market = freshMarket(fake);
    const cash = fake.state.cash;
    await expect(fake.trade({ ticker: market.ticker, outcome_side: 'yes', count_fp: '99999999.00', price_dollars: '0.9900' }))
      .rejects.toThrow(/insufficient balance/);
    expect(fake.state.cash).toEqual(cash);
  });

  it('with netting off holds YES and NO side by side: the position is their difference, the exposure both costs', async () => {
    await withFake({ seed: 13, fills: 20 }, async (target) => {
      const market = freshMarket(target);
      const put = await sendJson(target, '/portfolio/subaccounts/netting', { method: 'PUT', body: { subaccount_number: 0, enabled: false } });
      expect(put.status).toBe(200);
      const before = cashOf(target, market.exchange_index);
      await target.trade({ ticker: market.ticker, outcome_side: 'yes', count_fp: '4.00', price_dollars: '0.3000', is_taker: false });
      await target.trade({ ticker: market.ticker, outcome_side: 'no', count_fp: '1.00', price_dollars: '0.3000', is_taker: false });
      const position = positionOf(target, market.ticker);
      expect([position.position_fp, position.realized_pnl_dollars, position.market_exposure_dollars]).toEqual(['3.00', '0.0000', '1.90']);
      const fees = parseDollars(position.fees_paid_dollars);
      // Nothing netted: 4 × 0.30 + 1 × 0.70 paid, nothing back.
      expect(cashOf(target, market.exchange_index) - before).toBe(-1_900_000n - fees);
    });
  });
});

describe('the activity option', () => {
  it('trades only pairs Kalshi sends and keeps every position and the cash identity', async () => {
    await withFake({ seed: 21, fills: 30, activity: { fillsPerSecond: 400 } }, async (target) => {
      const seeded = 30;
      const deadline = Date.now() + 10_000;
      while (target.data.fills.length < seeded + 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await target.close();
      const runtime = target.data.fills.slice(0, target.data.fills.length - seeded);
      expect(runtime.length).toBeGreaterThanOrEqual(40);
      for (const f of runtime) expect(`${f.outcome_side}/${f.book_side}`).toMatch(/^(yes\/bid|no\/ask)$/);
      for (const ticker of new Set(runtime.map((f) => f.ticker))) {
        const own = target.data.fills.filter((f) => f.ticker === ticker && f.subaccount_number === 0);
        expect(own.reduce((s, f) => s + fillEffect(f).signedCount, 0n)).toBe(parseCount(positionOf(target, ticker).position_fp));
      }
      identityHolds(target);
    });
  });
});
