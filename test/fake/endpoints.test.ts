import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { allPages, getJson, hundredths, micros } from '../support/fake-http.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 11 });
});
afterAll(() => fake.close());

const settlementsOf = (f: (e: FakeKalshi['data']['settlements'][number]) => boolean) =>
  fake.data.settlements.filter(f).map((e) => e.settlement);
// What GET /portfolio/positions serves: archived (historical) positions are left out.
const positionsOf = (sub: number) => fake.data.liveMarketPositions.filter((e) => e.subaccount === sub);

describe('GET /portfolio/fills', () => {
  it('pages through all fills with limit 7, in order, ending with cursor ""', async () => {
    const pages = await allPages(fake, '/portfolio/fills?limit=7');
    expect(pages).toHaveLength(Math.ceil(fake.data.liveFills.length / 7));
    for (const page of pages.slice(0, -1)) {
      expect(page.fills).toHaveLength(7);
      expect(page.cursor).not.toBe('');
    }
    expect(pages.at(-1).cursor).toBe('');
    expect(pages.flatMap((p) => p.fills)).toEqual(fake.data.liveFills);
  });

  it('pages through one subaccount with the filter resent on every page', async () => {
    const pages = await allPages(fake, '/portfolio/fills?limit=7&subaccount=2');
    const expected = fake.data.liveFills.filter((f) => f.subaccount_number === 2);
    expect(expected.length).toBeGreaterThan(7);
    expect(pages.flatMap((p) => p.fills)).toEqual(expected);
  });

  it('defaults to 100 fills of all subaccounts', async () => {
    const { body } = await getJson(fake, '/portfolio/fills');
    expect(body.fills).toEqual(fake.data.liveFills.slice(0, 100));
    expect(body.cursor).not.toBe('');
    expect(new Set(body.fills.map((f: any) => f.subaccount_number)).size).toBeGreaterThan(1);
  });

  it('serves only the live fills: those created at or after the historical cutoff', async () => {
    expect(fake.data.cutoff).toBe(fake.data.now - 90 * 86_400_000);
    expect(fake.data.liveFills.length).toBeGreaterThan(0);
    expect(fake.data.liveFills.length).toBeLessThan(fake.data.fills.length);
    for (const f of fake.data.liveFills) expect(Date.parse(f.created_time)).toBeGreaterThanOrEqual(fake.data.cutoff!);
  });

  it('answers a single page covering everything with cursor ""', async () => {
    const { body } = await getJson(fake, '/portfolio/fills?limit=1000');
    expect(body.fills).toHaveLength(fake.data.liveFills.length);
    expect(body.cursor).toBe('');
  });

  it('filters by ticker and by order_id', async () => {
    const ticker = fake.data.liveFills[3]!.ticker;
    const byTicker = await getJson(fake, `/portfolio/fills?ticker=${encodeURIComponent(ticker)}&limit=1000`);
    expect(byTicker.body.fills).toEqual(fake.data.liveFills.filter((f) => f.ticker === ticker));
    const multi = [...new Set(fake.data.liveFills.map((f) => f.order_id))].find((id) => fake.data.liveFills.filter((f) => f.order_id === id).length > 1)!;
    const byOrder = await getJson(fake, `/portfolio/fills?order_id=${multi}`);
    expect(byOrder.body.fills.length).toBeGreaterThan(1);
    expect(byOrder.body.fills).toEqual(fake.data.liveFills.filter((f) => f.order_id === multi));
  });

  it('filters min_ts/max_ts inclusively on ts', async () => {
    const max = fake.data.liveFills[20]!.ts;
    const min = fake.data.liveFills[60]!.ts;
    const { body } = await getJson(fake, `/portfolio/fills?min_ts=${min}&max_ts=${max}&limit=1000`);
    const expected = fake.data.liveFills.filter((f) => f.ts >= min && f.ts <= max);
    expect(body.fills).toEqual(expected);
    expect(body.fills[0].ts).toBe(max);
    expect(body.fills.at(-1).ts).toBe(min);
  });

  it('filters by exchange_index and subaccount together', async () => {
    const { body } = await getJson(fake, '/portfolio/fills?exchange_index=2&subaccount=0&limit=1000');
    const expected = fake.data.liveFills.filter((f) => f.exchange_index === 2 && f.subaccount_number === 0);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.fills).toEqual(expected);
  });

  it('treats a garbage cursor, or another list\'s cursor, as the start', async () => {
    const first = (await getJson(fake, '/portfolio/fills?limit=5')).body;
    const garbage = await getJson(fake, '/portfolio/fills?limit=5&cursor=not-a-cursor!!');
    expect(garbage.status).toBe(200);
    expect(garbage.body.fills).toEqual(first.fills);
    const foreign = (await getJson(fake, '/portfolio/settlements?limit=5')).body.cursor;
    expect((await getJson(fake, `/portfolio/fills?limit=5&cursor=${foreign}`)).body.fills).toEqual(first.fills);
  });

  it('keeps cursors valid across server instances of the same seed', async () => {
    const first = (await getJson(fake, '/portfolio/fills?limit=9')).body;
    const twin = await startFakeKalshi({ seed: 11 });
    try {
      const second = (await getJson(twin, `/portfolio/fills?limit=9&cursor=${first.cursor}`)).body;
      expect(second.fills).toEqual(fake.data.liveFills.slice(9, 18));
    } finally {
      await twin.close();
    }
  });
});

describe('GET /portfolio/settlements', () => {
  it('pages through all subaccounts when subaccount is omitted', async () => {
    const pages = await allPages(fake, '/portfolio/settlements?limit=7');
    expect(pages.at(-1).cursor).toBe('');
    expect(pages.flatMap((p) => p.settlements)).toEqual(fake.data.settlements.map((e) => e.settlement));
  });

  it('filters by subaccount, event_ticker, ticker and min_ts/max_ts on settled_time', async () => {
    const sub = await getJson(fake, '/portfolio/settlements?subaccount=1&limit=1000');
    expect(sub.body.settlements).toEqual(settlementsOf((e) => e.subaccount === 1));
    expect(sub.body.settlements.length).toBeLessThan(fake.data.settlements.length);

    const event = fake.data.settlements[5]!.settlement.event_ticker;
    const byEvent = await getJson(fake, `/portfolio/settlements?event_ticker=${event}`);
    expect(byEvent.body.settlements).toEqual(settlementsOf((e) => e.settlement.event_ticker === event));

    const ticker = fake.data.settlements[7]!.settlement.ticker;
    const byTicker = await getJson(fake, `/portfolio/settlements?ticker=${ticker}`);
    expect(byTicker.body.settlements).toEqual(settlementsOf((e) => e.settlement.ticker === ticker));

    const secs = (e: { settlement: { settled_time: string } }) => Date.parse(e.settlement.settled_time) / 1000;
    const max = secs(fake.data.settlements[10]!);
    const min = secs(fake.data.settlements[30]!);
    const range = await getJson(fake, `/portfolio/settlements?min_ts=${min}&max_ts=${max}&limit=1000`);
    expect(range.body.settlements).toEqual(settlementsOf((e) => secs(e) >= min && secs(e) <= max));
    expect(range.body.settlements.length).toBeGreaterThanOrEqual(21);
  });
});

describe('GET /portfolio/positions', () => {
  it('defaults to subaccount 0 and returns its market and event positions', async () => {
    const { body } = await getJson(fake, '/portfolio/positions?limit=1000');
    expect(body.market_positions).toEqual(positionsOf(0).map((e) => e.position));
    expect(body.event_positions).toEqual(fake.data.liveEventPositions.filter((e) => e.subaccount === 0).map((e) => e.position));
    expect(body.cursor).toBe('');
    const one = await getJson(fake, '/portfolio/positions?limit=1000&subaccount=1');
    expect(one.body.market_positions).toEqual(positionsOf(1).map((e) => e.position));
  });

  it('pages market positions; each event appears once, on the page of its first market', async () => {
    const pages = await allPages(fake, '/portfolio/positions?limit=3');
    const entries = positionsOf(0);
    expect(pages.length).toBe(Math.ceil(entries.length / 3));
    expect(pages.flatMap((p) => p.market_positions)).toEqual(entries.map((e) => e.position));
    const events = pages.flatMap((p) => p.event_positions.map((e: any) => e.event_ticker));
    expect(events).toEqual([...new Set(entries.map((e) => e.event_ticker))]);
    pages.forEach((page, i) => {
      for (const ev of page.event_positions) {
        const first = entries.findIndex((e) => e.event_ticker === ev.event_ticker);
        expect(Math.floor(first / 3)).toBe(i);
      }
    });
    // Some event spans two pages in this data, so the rule is actually exercised.
    expect(pages.some((p, i) => i > 0 && p.market_positions.length > 0 &&
      p.event_positions.every((e: any) => e.event_ticker !== entries[i * 3]!.event_ticker))).toBe(true);
  });

  it('count_filter keeps positions whose named counts are nonzero', async () => {
    const all = positionsOf(0).map((e) => e.position);
    const pos = await getJson(fake, '/portfolio/positions?limit=1000&count_filter=position');
    expect(pos.body.market_positions).toEqual(all.filter((p) => hundredths(p.position_fp) !== 0));
    expect(pos.body.market_positions.length).toBeLessThan(all.length);
    const traded = await getJson(fake, '/portfolio/positions?limit=1000&count_filter=total_traded');
    expect(traded.body.market_positions).toEqual(all.filter((p) => micros(p.total_traded_dollars) !== 0));
    expect(traded.body.market_positions.length).toBeLessThan(all.length);
    const both = await getJson(fake, '/portfolio/positions?limit=1000&count_filter=position,total_traded');
    expect(both.body.market_positions).toEqual(all.filter((p) => hundredths(p.position_fp) !== 0 && micros(p.total_traded_dollars) !== 0));
    const bad = await getJson(fake, '/portfolio/positions?count_filter=volume');
    expect(bad.status).toBe(400);
    expect(bad.body.msg).toContain('GetPositions');
  });

  it('filters by ticker, event_ticker and exchange_index', async () => {
    const entries = positionsOf(0);
    const ticker = entries[1]!.position.ticker;
    expect((await getJson(fake, `/portfolio/positions?ticker=${ticker}`)).body.market_positions).toEqual([entries[1]!.position]);
    const event = entries[0]!.event_ticker;
    const byEvent = await getJson(fake, `/portfolio/positions?event_ticker=${event}`);
    expect(byEvent.body.market_positions).toEqual(entries.filter((e) => e.event_ticker === event).map((e) => e.position));
    expect(byEvent.body.event_positions.map((e: any) => e.event_ticker)).toEqual([event]);
    const shard = await getJson(fake, '/portfolio/positions?exchange_index=0&limit=1000');
    expect(shard.body.market_positions).toEqual(entries.filter((e) => e.position.exchange_index === 0).map((e) => e.position));
  });
});

describe('GET /portfolio/balance and total_resting_order_value', () => {
  it('answers the dataset balance for subaccount 0 by default', async () => {
    const { body } = await getJson(fake, '/portfolio/balance');
    expect(body).toEqual(fake.data.balance);
  });

  it('answers one subaccount, one shard when asked', async () => {
    const cash = fake.data.cash.find((c) => c.subaccount === 2 && c.exchange_index === 1)!;
    const { body } = await getJson(fake, '/portfolio/balance?subaccount=2&exchange_index=1');
    expect(micros(body.balance_dollars)).toBe(micros(cash.balance_dollars));
    expect(body.balance).toBe(Math.trunc(micros(cash.balance_dollars) / 10_000));
    expect(body.balance_breakdown).toHaveLength(1);
    expect(body.balance_breakdown[0].exchange_index).toBe(1);
    const exposure = positionsOf(2).filter((e) => e.position.exchange_index === 1)
      .reduce((a, e) => a + micros(e.position.market_exposure_dollars), 0);
    expect(body.portfolio_value).toBe(Math.trunc(exposure / 10_000));
  });

  it('answers the resting order value', async () => {
    const { status, body } = await getJson(fake, '/portfolio/summary/total_resting_order_value');
    expect(status).toBe(200);
    expect(body).toEqual(fake.data.restingOrderValue);
  });
});

describe('parameter validation', () => {
  it.each([
    ['/portfolio/fills?limit=1001', 'GetFills', 'Limit'],
    ['/portfolio/fills?limit=abc', 'GetFills', 'Limit'],
    ['/portfolio/fills?limit=0', 'GetFills', 'Limit'],
    ['/portfolio/fills?limit=2.5', 'GetFills', 'Limit'],
    ['/portfolio/fills?subaccount=-1', 'GetFills', 'Subaccount'],
    ['/portfolio/fills?min_ts=yesterday', 'GetFills', 'MinTs'],
    ['/portfolio/fills?exchange_index=-1', 'GetFills', 'ExchangeIndex'],
    ['/portfolio/settlements?limit=5000', 'GetSettlements', 'Limit'],
    ['/portfolio/settlements?max_ts=1e9', 'GetSettlements', 'MaxTs'],
    ['/portfolio/positions?limit=1001', 'GetPositions', 'Limit'],
    ['/portfolio/positions?subaccount=x', 'GetPositions', 'Subaccount'],
    ['/portfolio/balance?subaccount=-3', 'GetBalance', 'Subaccount'],
  ])('%s -> 400 {"msg": ...} naming %s and %s', async (relative, operation, field) => {
    const { status, body, headers } = await getJson(fake, relative);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(body)).toEqual(['msg']);
    expect(body.msg.startsWith(`Parameter validation failed for ${operation}: `)).toBe(true);
    expect(body.msg).toContain(`'${field}'`);
  });

  it('accepts the limits at the edges', async () => {
    expect((await getJson(fake, '/portfolio/fills?limit=1')).body.fills).toHaveLength(1);
    expect((await getJson(fake, '/portfolio/settlements?limit=1000')).status).toBe(200);
  });
});
