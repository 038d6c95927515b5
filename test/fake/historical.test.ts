import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import type { Fill } from '../../src/testing/data/wire-types.js';
import { RFC3339, allPages, getJson, urlOf } from '../support/fake-http.js';

const DAY_MS = 86_400_000;

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 3 });
});
afterAll(() => fake.close());

const createdUs = (f: Fill) => Date.parse(f.created_time.slice(0, 19) + 'Z') * 1000 + Number((f.created_time.split('.')[1] ?? '').replace('Z', '').padEnd(6, '0'));
const ids = (fills: Fill[]) => fills.map((f) => f.fill_id);

function expectNewestFirst(fills: Fill[]) {
  for (let i = 1; i < fills.length; i++) expect(createdUs(fills[i - 1]!)).toBeGreaterThanOrEqual(createdUs(fills[i]!));
}

describe('GET /historical/cutoff', () => {
  it('answers without any signing headers', async () => {
    const res = await fetch(urlOf(fake, '/historical/cutoff'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['market_positions_last_updated_ts', 'market_settled_ts', 'orders_updated_ts', 'trades_created_ts']);
    for (const value of Object.values(body)) expect(value).toMatch(RFC3339);
    expect(Date.parse(body.trades_created_ts)).toBe(fake.data.cutoff);
    expect(fake.data.cutoff).toBe(fake.data.now - 90 * DAY_MS);
    expect(fake.requests.at(-1)).toMatchObject({ status: 200, outcome: 'ok', signature: undefined });
  });

  it('answers with valid signing headers, and ignores invalid ones', async () => {
    expect((await getJson(fake, '/historical/cutoff')).status).toBe(200);
    const stale = await getJson(fake, '/historical/cutoff', { timestamp: Date.now() - 3_600_000 });
    expect(stale.status).toBe(200);
    expect((await getJson(fake, '/historical/cutoff', { keyId: '00000000-0000-4000-8000-000000000000' })).status).toBe(200);
    expect((await getJson(fake, '/historical/cutoff', { omit: ['KALSHI-ACCESS-SIGNATURE'] })).status).toBe(200);
  });

  it('the other historical endpoints are signed', async () => {
    for (const path of ['/historical/fills', '/historical/positions']) {
      const res = await fetch(urlOf(fake, path));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('signature_is_missing_from_headers');
    }
  });
});

describe('the fills partition', () => {
  it('splits all fills into live (at or after the cutoff) and historical (before it), disjoint and both newest first', () => {
    const { fills, liveFills, historicalFills, cutoff } = fake.data;
    expect(liveFills.length).toBeGreaterThan(0);
    expect(historicalFills.length).toBeGreaterThan(0);
    expect([...liveFills, ...historicalFills]).toEqual(fills);
    expect(new Set([...ids(liveFills), ...ids(historicalFills)]).size).toBe(fills.length);
    for (const f of liveFills) expect(createdUs(f)).toBeGreaterThanOrEqual(cutoff! * 1000);
    for (const f of historicalFills) expect(createdUs(f)).toBeLessThan(cutoff! * 1000);
    expectNewestFirst(liveFills);
    expectNewestFirst(historicalFills);
  });

  it('serves them: /portfolio/fills pages the live ones, /historical/fills the rest', async () => {
    const live = (await allPages(fake, '/portfolio/fills?limit=9')).flatMap((p) => p.fills);
    const pages = await allPages(fake, '/historical/fills?limit=9');
    const historical = pages.flatMap((p) => p.fills);
    expect(live).toEqual(fake.data.liveFills);
    expect(historical).toEqual(fake.data.historicalFills);
    expect(pages.at(-1).cursor).toBe('');
    for (const page of pages.slice(0, -1)) expect(page.fills).toHaveLength(9);
    expect([...live, ...historical]).toEqual(fake.data.fills);
  });

  it('filters historical fills by ticker and max_ts (inclusive), defaults to 100, validates limit', async () => {
    const hist = fake.data.historicalFills;
    const ticker = hist[4]!.ticker;
    expect((await getJson(fake, `/historical/fills?ticker=${ticker}&limit=1000`)).body.fills).toEqual(hist.filter((f) => f.ticker === ticker));
    const max = hist[30]!.ts;
    const byMax = (await getJson(fake, `/historical/fills?max_ts=${max}&limit=1000`)).body.fills;
    expect(byMax).toEqual(hist.filter((f) => f.ts <= max));
    expect(byMax[0].ts).toBe(max);
    const first = (await getJson(fake, '/historical/fills')).body;
    expect(first.fills).toEqual(hist.slice(0, 100));
    expect(first.cursor).not.toBe('');
    for (const [query, field] of [['limit=1001', 'Limit'], ['limit=0', 'Limit'], ['max_ts=soon', 'MaxTs']]) {
      const bad = await getJson(fake, `/historical/fills?${query}`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body)).toEqual(['msg']);
      expect(bad.body.msg).toContain('GetFillsHistorical');
      expect(bad.body.msg).toContain(`'${field}'`);
    }
  });

  it('does not take a live cursor as its own (a foreign cursor starts over)', async () => {
    const liveCursor = (await getJson(fake, '/portfolio/fills?limit=3')).body.cursor;
    const answer = await getJson(fake, `/historical/fills?limit=3&cursor=${liveCursor}`);
    expect(answer.body.fills).toEqual(fake.data.historicalFills.slice(0, 3));
  });
});

describe('the positions partition', () => {
  it('archives settled positions last updated before the cutoff, and only those', () => {
    const { marketPositions, liveMarketPositions, historicalMarketPositions, cutoff } = fake.data;
    expect(historicalMarketPositions.filter((e) => e.subaccount === 0).length).toBeGreaterThan(3);
    expect(liveMarketPositions.length + historicalMarketPositions.length).toBe(marketPositions.length);
    expect(new Set([...liveMarketPositions, ...historicalMarketPositions])).toEqual(new Set(marketPositions));
    for (const e of historicalMarketPositions) {
      expect(e.settled).toBe(true);
      expect(Date.parse(e.position.last_updated_ts)).toBeLessThan(cutoff!);
    }
    for (const e of liveMarketPositions) expect(!e.settled || Date.parse(e.position.last_updated_ts) >= cutoff!).toBe(true);
    // Settled positions after the cutoff stay live.
    expect(liveMarketPositions.some((e) => e.settled)).toBe(true);
  });

  it('serves historical positions paged like live ones, each event once on the page of its first market', async () => {
    const entries = fake.data.historicalMarketPositions.filter((e) => e.subaccount === 0);
    const pages = await allPages(fake, '/historical/positions?limit=3');
    expect(pages).toHaveLength(Math.ceil(entries.length / 3));
    expect(pages.flatMap((p) => p.market_positions)).toEqual(entries.map((e) => e.position));
    const events = pages.flatMap((p) => p.event_positions);
    expect(events).toEqual(fake.data.historicalEventPositions.filter((e) => e.subaccount === 0).map((e) => e.position));
    expect(events.map((e) => e.event_ticker)).toEqual([...new Set(entries.map((e) => e.event_ticker))]);
    pages.forEach((page, i) => {
      for (const ev of page.event_positions) expect(Math.floor(entries.findIndex((e) => e.event_ticker === ev.event_ticker) / 3)).toBe(i);
    });

    const live = (await getJson(fake, '/portfolio/positions?limit=1000')).body.market_positions;
    const liveTickers = new Set(live.map((p: any) => p.ticker));
    for (const e of entries) expect(liveTickers.has(e.position.ticker)).toBe(false);
    expect(live.length + entries.length).toBe(fake.data.marketPositions.filter((e) => e.subaccount === 0).length);
  });

  it('filters by ticker, event_ticker and subaccount; validates limit', async () => {
    const entries = fake.data.historicalMarketPositions;
    const e0 = entries.find((e) => e.subaccount === 0)!;
    const byTicker = await getJson(fake, `/historical/positions?ticker=${e0.position.ticker}`);
    expect(byTicker.body.market_positions).toEqual([e0.position]);
    expect(byTicker.body.event_positions.map((e: any) => e.event_ticker)).toEqual([e0.event_ticker]);
    const byEvent = await getJson(fake, `/historical/positions?event_ticker=${e0.event_ticker}`);
    expect(byEvent.body.market_positions).toEqual(entries.filter((e) => e.subaccount === 0 && e.event_ticker === e0.event_ticker).map((e) => e.position));
    for (const sub of [1, 2, 3]) {
      const answer = await getJson(fake, `/historical/positions?subaccount=${sub}&limit=1000`);
      expect(answer.body.market_positions).toEqual(entries.filter((e) => e.subaccount === sub).map((e) => e.position));
      expect(answer.body.cursor).toBe('');
    }
    const bad = await getJson(fake, '/historical/positions?limit=1001');
    expect(bad.status).toBe(400);
    expect(bad.body.msg).toContain('GetHistoricalPositions');
  });
});

describe('historicalCutoffDays', () => {
  it('null archives nothing: everything is live and the cutoff is the epoch', async () => {
    const none = await startFakeKalshi({ seed: 3, historicalCutoffDays: null });
    try {
      expect(none.data.cutoff).toBeNull();
      expect(none.data.liveFills).toEqual(none.data.fills);
      expect(none.data.historicalFills).toEqual([]);
      expect(none.data.historicalMarketPositions).toEqual([]);
      expect(none.data.liveEventPositions).toEqual(none.data.eventPositions);
      expect((await getJson(none, '/historical/fills')).body).toEqual({ fills: [], cursor: '' });
      expect((await getJson(none, '/historical/positions')).body).toEqual({ market_positions: [], event_positions: [], cursor: '' });
      expect((await getJson(none, '/portfolio/fills?limit=1000')).body.fills).toEqual(none.data.fills);
      const cutoff = (await getJson(none, '/historical/cutoff')).body;
      expect(cutoff.trades_created_ts).toBe('1970-01-01T00:00:00Z');
    } finally {
      await none.close();
    }
  });

  it('sets how far back the cutoff is, and refuses nonsense', async () => {
    const recent = await startFakeKalshi({ seed: 3, historicalCutoffDays: 30 });
    try {
      expect(recent.data.cutoff).toBe(recent.data.now - 30 * DAY_MS);
      expect(recent.data.historicalFills.length).toBeGreaterThan(fake.data.historicalFills.length);
      expect(recent.data.fills).toEqual(fake.data.fills);
    } finally {
      await recent.close();
    }
    await expect(startFakeKalshi({ historicalCutoffDays: -1 })).rejects.toThrow(RangeError);
    await expect(startFakeKalshi({ historicalCutoffDays: Number.NaN })).rejects.toThrow(RangeError);
  });
});

describe('setHistoricalCutoff', () => {
  it('moves the cutoff: views, /historical/cutoff and both fills endpoints follow, and live paging loses nothing', async () => {
    const own = await startFakeKalshi({ seed: 3 });
    try {
      const all = own.data.fills;
      // Serve two live pages, then archive part of what is still to come.
      const first = (await getJson(own, '/portfolio/fills?limit=10')).body;
      const second = (await getJson(own, `/portfolio/fills?limit=10&cursor=${first.cursor}`)).body;
      const newCutoff = Math.floor(createdUs(own.data.liveFills[40]!) / 1000) + 1;
      own.setHistoricalCutoff(newCutoff);

      expect(own.data.cutoff).toBe(newCutoff);
      expect(own.data.liveFills).toEqual(all.slice(0, 40));
      expect([...own.data.liveFills, ...own.data.historicalFills]).toEqual(all);
      const cutoff = (await getJson(own, '/historical/cutoff')).body;
      expect(Date.parse(cutoff.trades_created_ts)).toBe(newCutoff);
      expect(cutoff.trades_created_ts).toMatch(RFC3339);

      // The old cursor continues right after the last fill served, down to the new cutoff.
      const rest: Fill[] = [];
      let cursor = second.cursor;
      while (cursor !== '') {
        const page = (await getJson(own, `/portfolio/fills?limit=10&cursor=${cursor}`)).body;
        rest.push(...page.fills);
        cursor = page.cursor;
      }
      const historical = (await allPages(own, '/historical/fills?limit=25')).flatMap((p) => p.fills);
      const seen = [...first.fills, ...second.fills, ...rest, ...historical];
      expect(ids(seen)).toEqual(ids(all));

      // Back to no archive at all, then to "everything before now".
      own.setHistoricalCutoff(null);
      expect(own.data.historicalFills).toEqual([]);
      expect((await getJson(own, '/historical/fills')).body.fills).toEqual([]);
      expect((await getJson(own, '/historical/cutoff')).body.orders_updated_ts).toBe('1970-01-01T00:00:00Z');
      own.setHistoricalCutoff(own.data.now + 1);
      expect(own.data.liveFills).toEqual([]);
      expect(own.data.historicalMarketPositions).toEqual(own.data.marketPositions.filter((e) => e.settled));
      expect((await getJson(own, '/portfolio/positions?limit=1000')).body.market_positions)
        .toEqual(own.data.marketPositions.filter((e) => e.subaccount === 0 && !e.settled).map((e) => e.position));
    } finally {
      await own.close();
    }
  });

  it('refuses a cutoff that is not whole non-negative milliseconds', () => {
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => fake.setHistoricalCutoff(bad)).toThrow(RangeError);
    expect(fake.data.cutoff).toBe(fake.data.now - 90 * DAY_MS);
  });
});
