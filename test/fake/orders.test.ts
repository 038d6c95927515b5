/**
 * The fake's orders, over signed HTTP: one consistent account. Every fill belongs to an order whose
 * fill count is the sum of its fills; resting orders make up the resting-order value and the
 * positions' resting_orders_count, and have queue positions (and nothing else has); order groups
 * list exactly the orders that name them; orders move to /historical/orders as their fills do;
 * a runtime trade is an executed order at once. Then the filters, pages and errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, type MarketInfo, startFakeKalshi } from '../../src/testing/index.js';
import type { Fill, Order } from '../../src/testing/data/wire-types.js';
import { COUNT, DOLLARS, RFC3339, UUID, allPages, getJson, hundredths, micros, withFake } from '../support/fake-http.js';
import { connectStream, dataMessages } from '../support/fake-stream.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 7 });
});
afterAll(() => fake.close());

const DAY_MS = 86_400_000;

async function listAll<T = any>(target: FakeKalshi, relative: string, field: string): Promise<T[]> {
  return (await allPages(target, relative)).flatMap((page) => page[field] as T[]);
}

/** Every fill (live and historical) and every order (live and historical), as the HTTP API serves them. */
async function everything(target: FakeKalshi) {
  const liveFills = await listAll<Fill>(target, '/portfolio/fills?limit=1000', 'fills');
  const historicalFills = await listAll<Fill>(target, '/historical/fills?limit=1000', 'fills');
  const liveOrders = await listAll<Order>(target, '/portfolio/orders?limit=1000', 'orders');
  const historicalOrders = await listAll<Order>(target, '/historical/orders?limit=1000', 'orders');
  return { liveFills, historicalFills, liveOrders, historicalOrders, fills: [...liveFills, ...historicalFills], orders: [...liveOrders, ...historicalOrders] };
}

const ids = (rows: Array<{ order_id: string }>) => rows.map((r) => r.order_id);
const createdMs = (o: Order) => Date.parse(o.created_time);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** What a fill's contracts cost: count × the price of the outcome side traded, in micro-dollars. */
const fillCost = (f: Fill) => (hundredths(f.count_fp) * micros(f.outcome_side === 'yes' ? f.yes_price_dollars : f.no_price_dollars)) / 100;
/** What one contract of a resting order commits: the price of its direction (YES price for `yes`, NO price for `no`). */
const committed = (o: Order) => micros(o.outcome_side === 'yes' ? o.yes_price_dollars : o.no_price_dollars);
/** Kalshi's four-row table: what was clicked (buy+yes, sell+no → yes; buy+no, sell+yes → no) to the direction. */
const DIRECTION_OF_CLICK: Record<string, string> = { 'buy/yes': 'yes', 'sell/no': 'yes', 'buy/no': 'no', 'sell/yes': 'no' };

describe('orders agree with the fills', () => {
  it('every fill belongs to an order the API serves, and every order is served exactly once (live or historical)', async () => {
    const all = await everything(fake);
    expect(all.orders.length).toBe(fake.data.orders.length);
    expect(new Set(ids(all.orders)).size).toBe(all.orders.length);
    const known = new Set(ids(all.orders));
    expect(all.fills.length).toBe(fake.data.fills.length);
    for (const f of all.fills) expect(known.has(f.order_id), f.order_id).toBe(true);
  });

  it("each order's fill_count_fp is the sum of its fills' count_fp; costs and fees are the sums of theirs", async () => {
    const all = await everything(fake);
    const fillsOf = new Map<string, Fill[]>();
    for (const f of all.fills) fillsOf.set(f.order_id, [...(fillsOf.get(f.order_id) ?? []), f]);
    const seen = { executed: 0, partlyFilledCanceled: 0, unfilledCanceled: 0, resting: 0 };
    for (const o of all.orders) {
      const own = fillsOf.get(o.order_id) ?? [];
      expect(hundredths(o.fill_count_fp), o.order_id).toBe(sum(own.map((f) => hundredths(f.count_fp))));
      const taker = own.filter((f) => f.is_taker);
      const maker = own.filter((f) => !f.is_taker);
      expect(micros(o.taker_fill_cost_dollars)).toBe(sum(taker.map(fillCost)));
      expect(micros(o.maker_fill_cost_dollars)).toBe(sum(maker.map(fillCost)));
      expect(micros(o.taker_fees_dollars)).toBe(sum(taker.map((f) => micros(f.fee_cost))));
      expect(micros(o.maker_fees_dollars)).toBe(sum(maker.map((f) => micros(f.fee_cost))));
      for (const f of own) {
        expect([f.ticker, f.subaccount_number, f.exchange_index, f.outcome_side, f.book_side]).toEqual([o.ticker, o.subaccount_number, o.exchange_index, o.outcome_side, o.book_side]);
        expect(createdMs(o)).toBeLessThanOrEqual(Date.parse(f.created_time));
        expect(Date.parse(o.last_update_time)).toBeGreaterThanOrEqual(Date.parse(f.created_time));
      }
      const [filled, remaining, initial] = [o.fill_count_fp, o.remaining_count_fp, o.initial_count_fp].map(hundredths) as [number, number, number];
      if (o.status === 'executed') {
        expect(own.length).toBeGreaterThan(0);
        expect([remaining, initial]).toEqual([0, filled]);
        // The last update of an executed order is its last fill.
        expect(Date.parse(o.last_update_time)).toBe(Math.max(...own.map((f) => Date.parse(f.created_time))));
        seen.executed++;
      } else if (o.status === 'canceled') {
        expect(remaining).toBe(0);
        expect(initial).toBeGreaterThan(filled);
        if (filled > 0) seen.partlyFilledCanceled++;
        else seen.unfilledCanceled++;
      } else {
        expect(own).toEqual([]);
        expect(remaining).toBeGreaterThan(0);
        expect(initial).toBe(filled + remaining);
        seen.resting++;
      }
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });

  it('a limit order filled at its price or better: no fill paid more per contract of its direction than the order\'s limit', async () => {
    const all = await everything(fake);
    const byId = new Map(all.orders.map((o) => [o.order_id, o]));
    for (const f of all.fills) {
      const o = byId.get(f.order_id)!;
      // A `yes` order (bid) buys YES exposure at most at its YES price; a `no` order (ask) NO exposure at most at its NO price.
      const paid = (x: { yes_price_dollars: string; no_price_dollars: string }) => micros(o.outcome_side === 'yes' ? x.yes_price_dollars : x.no_price_dollars);
      expect(paid(f)).toBeLessThanOrEqual(paid(o));
    }
  });

  it('every order carries every Order field, in the wire formats', async () => {
    const { orders } = await everything(fake);
    const groups = new Set(fake.data.orderGroups.map((e) => e.group.id));
    for (const o of orders) {
      expect(o.order_id).toMatch(UUID);
      expect(o.user_id).toBe(fake.data.userId);
      expect(o.client_order_id === '' || UUID.test(o.client_order_id)).toBe(true);
      // One bit in two words; the legacy literals, when there, follow Kalshi's four-row table.
      expect(o.book_side).toBe(o.outcome_side === 'yes' ? 'bid' : 'ask');
      expect(o.side === undefined).toBe(o.action === undefined);
      if (o.side !== undefined) expect(DIRECTION_OF_CLICK[`${o.action}/${o.side}`]).toBe(o.outcome_side);
      expect(['limit', 'market']).toContain(o.type);
      for (const d of [o.yes_price_dollars, o.no_price_dollars, o.taker_fill_cost_dollars, o.maker_fill_cost_dollars, o.taker_fees_dollars, o.maker_fees_dollars]) expect(d).toMatch(DOLLARS);
      expect(micros(o.yes_price_dollars) + micros(o.no_price_dollars)).toBe(1_000_000);
      for (const c of [o.fill_count_fp, o.remaining_count_fp, o.initial_count_fp]) expect(c).toMatch(COUNT);
      expect(o.created_time).toMatch(RFC3339);
      expect(o.last_update_time).toMatch(RFC3339);
      expect(Date.parse(o.last_update_time)).toBeGreaterThanOrEqual(createdMs(o));
      expect(Date.parse(o.last_update_time)).toBeLessThanOrEqual(fake.data.now);
      if (o.expiration_time !== null) expect(o.expiration_time).toMatch(RFC3339);
      expect([null, 'taker_at_cross', 'maker']).toContain(o.self_trade_prevention_type);
      expect(o.order_group_id === null || groups.has(o.order_group_id)).toBe(true);
      expect(typeof o.cancel_order_on_pause).toBe('boolean');
      expect(fake.data.subaccounts).toContain(o.subaccount_number);
      expect(fake.data.markets.find((m) => m.ticker === o.ticker)?.exchange_index).toBe(o.exchange_index);
    }
  });
});

describe('resting orders agree with the resting-order value and the positions', () => {
  it('their value (remaining × the price each commits) sums to getPortfolioRestingOrderTotalValue, per shard and in total', async () => {
    const resting = await listAll<Order>(fake, '/portfolio/orders?status=resting&limit=1000', 'orders');
    expect(resting.length).toBeGreaterThan(0);
    const { body } = await getJson(fake, '/portfolio/summary/total_resting_order_value');
    expect(body).toEqual(fake.data.restingOrderValue);
    const byShard = new Map<number, number>();
    for (const o of resting) byShard.set(o.exchange_index, (byShard.get(o.exchange_index) ?? 0) + (hundredths(o.remaining_count_fp) * committed(o)) / 100);
    for (const row of body.resting_order_value_breakdown) expect(micros(row.balance), `shard ${row.exchange_index}`).toBe(byShard.get(row.exchange_index) ?? 0);
    const total = sum([...byShard.values()]);
    expect(body.total_resting_order_value).toBe(Math.trunc(total / 10_000));
  });

  it("each market position's resting_orders_count counts its subaccount's resting orders in the market", async () => {
    const resting = await listAll<Order>(fake, '/portfolio/orders?status=resting&limit=1000', 'orders');
    let counted = 0;
    for (const sub of fake.data.subaccounts) {
      const positions = await listAll(fake, `/portfolio/positions?subaccount=${sub}&limit=1000`, 'market_positions');
      const mine = resting.filter((o) => o.subaccount_number === sub);
      for (const p of positions) {
        expect(p.resting_orders_count, `${sub}/${p.ticker}`).toBe(mine.filter((o) => o.ticker === p.ticker).length);
        counted += p.resting_orders_count;
      }
      // ...and no resting order lies outside a position row.
      const held = new Set(positions.map((p: any) => p.ticker));
      for (const o of mine) expect(held.has(o.ticker), o.ticker).toBe(true);
    }
    expect(counted).toBe(resting.length);
  });

  it('resting orders stay live under any cutoff', async () => {
    await withFake({ seed: 7 }, async (moved) => {
      moved.setHistoricalCutoff(moved.data.now + DAY_MS);
      const historical = await listAll<Order>(moved, '/historical/orders?limit=1000', 'orders');
      expect(historical.filter((o) => o.status === 'resting')).toEqual([]);
      const live = await listAll<Order>(moved, '/portfolio/orders?limit=1000', 'orders');
      expect(live.every((o) => o.status === 'resting')).toBe(true);
      expect(live.length).toBe(moved.data.orders.filter((o) => o.status === 'resting').length);
    });
  });
});

describe('queue positions', () => {
  it('exist exactly for the resting orders, per subaccount', async () => {
    const resting = await listAll<Order>(fake, '/portfolio/orders?status=resting&limit=1000', 'orders');
    let total = 0;
    for (const sub of fake.data.subaccounts) {
      const { status, body } = await getJson(fake, `/portfolio/orders/queue_positions?subaccount=${sub}`);
      expect(status).toBe(200);
      const mine = resting.filter((o) => o.subaccount_number === sub);
      expect(ids(body.queue_positions)).toEqual(ids(mine));
      for (const q of body.queue_positions) {
        expect(q.queue_position_fp).toMatch(COUNT);
        expect(q.market_ticker).toBe(mine.find((o) => o.order_id === q.order_id)!.ticker);
        const single = await getJson(fake, `/portfolio/orders/${q.order_id}/queue_position`);
        expect(single).toMatchObject({ status: 200, body: { queue_position_fp: q.queue_position_fp } });
      }
      total += body.queue_positions.length;
    }
    expect(total).toBe(resting.length);
    expect(fake.data.queuePositions.map((q) => q.order_id).sort()).toEqual(ids(resting).sort());
  });

  it('default to the primary account and filter by market_tickers (comma-separated) and event_ticker', async () => {
    const primary = fake.data.queuePositions.filter((q) => fake.data.orders.find((o) => o.order_id === q.order_id)!.subaccount_number === 0);
    expect(primary.length).toBeGreaterThan(1);
    expect((await getJson(fake, '/portfolio/orders/queue_positions')).body.queue_positions).toEqual(primary);
    const tickers = [...new Set(primary.map((q) => q.market_ticker))].slice(0, 2);
    const byTickers = await getJson(fake, `/portfolio/orders/queue_positions?market_tickers=${tickers.join(',')}`);
    expect(byTickers.body.queue_positions).toEqual(primary.filter((q) => tickers.includes(q.market_ticker)));
    const event = fake.data.markets.find((m) => m.ticker === tickers[0])!.event_ticker;
    const byEvent = await getJson(fake, `/portfolio/orders/queue_positions?event_ticker=${event}`);
    expect(byEvent.body.queue_positions.length).toBeGreaterThan(0);
    expect(byEvent.body.queue_positions).toEqual(primary.filter((q) => fake.data.markets.find((m) => m.ticker === q.market_ticker)!.event_ticker === event));
    expect((await getJson(fake, '/portfolio/orders/queue_positions?market_tickers=KXNOPE-1')).body).toEqual({ queue_positions: [] });
  });

  it('an executed, a canceled or an unknown order has none: 404 not_found', async () => {
    const executed = fake.data.orders.find((o) => o.status === 'executed')!;
    const canceled = fake.data.orders.find((o) => o.status === 'canceled')!;
    for (const id of [executed.order_id, canceled.order_id, 'no-such-order']) {
      const answer = await getJson(fake, `/portfolio/orders/${id}/queue_position`);
      expect(answer.status, id).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    expect((await getJson(fake, `/portfolio/orders/${executed.order_id}/queue_position`)).body.error.details).toMatch(/executed: only resting orders/);
  });
});

describe('order groups', () => {
  it('list their orders: exactly those that name the group, live and historical', async () => {
    const { orders } = await everything(fake);
    const { body } = await getJson(fake, '/portfolio/order_groups');
    expect(body.order_groups).toEqual(fake.data.orderGroups.map((e) => e.group));
    expect(body.order_groups.length).toBeGreaterThan(1);
    let grouped = 0;
    for (const group of body.order_groups) {
      const answer = await getJson(fake, `/portfolio/order_groups/${group.id}`);
      expect(answer.status).toBe(200);
      const members = orders.filter((o) => o.order_group_id === group.id);
      expect([...answer.body.orders].sort()).toEqual(ids(members).sort());
      expect(answer.body.is_auto_cancel_enabled).toBe(group.is_auto_cancel_enabled);
      expect(answer.body.exchange_index).toBe(group.exchange_index);
      expect(answer.body.contracts_limit_fp).toBe(group.contracts_limit_fp);
      const owner = fake.data.orderGroups.find((e) => e.group.id === group.id)!.subaccount;
      for (const o of members) expect([o.subaccount_number, o.exchange_index]).toEqual([owner, group.exchange_index]);
      // A limited group has room for everything its orders asked for.
      if (group.contracts_limit_fp !== undefined) expect(hundredths(group.contracts_limit_fp)).toBeGreaterThanOrEqual(sum(members.map((o) => hundredths(o.initial_count_fp))));
      grouped += members.length;
    }
    expect(grouped).toBeGreaterThan(0);
    expect(grouped).toBe(orders.filter((o) => o.order_group_id !== null).length);
  });

  it('filter by subaccount (omitted = all); a group asked for under another subaccount, or unknown, is 404', async () => {
    for (const sub of fake.data.subaccounts) {
      const { body } = await getJson(fake, `/portfolio/order_groups?subaccount=${sub}`);
      expect(body.order_groups).toEqual(fake.data.orderGroups.filter((e) => e.subaccount === sub).map((e) => e.group));
    }
    const entry = fake.data.orderGroups[0]!;
    expect((await getJson(fake, `/portfolio/order_groups/${entry.group.id}?subaccount=${entry.subaccount}`)).status).toBe(200);
    const other = await getJson(fake, `/portfolio/order_groups/${entry.group.id}?subaccount=${entry.subaccount === 0 ? 1 : 0}`);
    expect(other.status).toBe(404);
    const unknown = await getJson(fake, '/portfolio/order_groups/no-such-group');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});

describe('the historical partition', () => {
  it('orders canceled or executed before the cutoff are only in /historical/orders, and move with their fills', async () => {
    const all = await everything(fake);
    const cutoffMs = fake.data.cutoff!;
    expect(all.historicalOrders.length).toBeGreaterThan(0);
    expect(all.liveOrders.length).toBeGreaterThan(0);
    const { body: cutoff } = await getJson(fake, '/historical/cutoff');
    expect(Date.parse(cutoff.orders_updated_ts)).toBe(cutoffMs);
    for (const o of all.historicalOrders) {
      expect(o.status).not.toBe('resting');
      expect(Date.parse(o.last_update_time)).toBeLessThan(cutoffMs);
    }
    for (const o of all.liveOrders) expect(o.status === 'resting' || Date.parse(o.last_update_time) >= cutoffMs).toBe(true);
    const historicalFillIds = new Set(all.historicalFills.map((f) => f.fill_id));
    const liveOrderIds = new Set(ids(all.liveOrders));
    for (const o of all.orders.filter((x) => x.status === 'executed')) {
      const own = all.fills.filter((f) => f.order_id === o.order_id);
      // An executed order is archived exactly when all its fills are.
      expect(!liveOrderIds.has(o.order_id), o.order_id).toBe(own.every((f) => historicalFillIds.has(f.fill_id)));
    }
    for (const o of all.historicalOrders) {
      for (const f of all.fills.filter((x) => x.order_id === o.order_id)) expect(historicalFillIds.has(f.fill_id)).toBe(true);
    }
  });

  it('a moving cutoff moves orders between the two lists, each with its own cursors, and null archives nothing', async () => {
    await withFake({ seed: 7 }, async (moved) => {
      const total = moved.data.orders.length;
      const at90 = await everything(moved);
      moved.setHistoricalCutoff(moved.data.now - 20 * DAY_MS);
      const at20 = await everything(moved);
      expect(at20.historicalOrders.length).toBeGreaterThan(at90.historicalOrders.length);
      expect(at20.historicalFills.length).toBeGreaterThan(at90.historicalFills.length);
      for (const view of [at90, at20]) {
        expect(view.orders.length).toBe(total);
        expect(new Set(ids(view.orders)).size).toBe(total);
      }
      expect(ids(at20.historicalOrders)).toEqual(ids(moved.data.historicalOrders));
      // Pages of 7: the same rows, newest first.
      const paged = await listAll<Order>(moved, '/historical/orders?limit=7', 'orders');
      expect(paged).toEqual(moved.data.historicalOrders);
      for (let i = 1; i < paged.length; i++) expect(createdMs(paged[i - 1]!)).toBeGreaterThanOrEqual(createdMs(paged[i]!));
      // A live cursor means nothing to the historical list: it starts over.
      const liveCursor = (await getJson(moved, '/portfolio/orders?limit=3')).body.cursor;
      const foreign = await getJson(moved, `/historical/orders?limit=3&cursor=${liveCursor}`);
      expect(foreign.body.orders).toEqual(moved.data.historicalOrders.slice(0, 3));
      moved.setHistoricalCutoff(null);
      expect((await getJson(moved, '/historical/orders')).body).toEqual({ orders: [], cursor: '' });
      expect(await listAll(moved, '/portfolio/orders?limit=1000', 'orders')).toHaveLength(total);
    });
  });
});

describe('runtime trades', () => {
  const openMarket = (target: FakeKalshi): MarketInfo => {
    const nowS = target.data.now / 1000;
    return target.data.markets.find((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600)!;
  };

  it('trade() makes an executed order at once: first in GET /portfolio/orders, by id, with its fill and the stream\'s user_order', async () => {
    await withFake({ seed: 7 }, async (target) => {
      const market = openMarket(target);
      const stream = await connectStream(target);
      try {
        await stream.command('subscribe', { channels: ['user_orders'] }, 1);
        const fill = await target.trade({ ticker: market.ticker, outcome_side: 'no', book_side: 'ask', count_fp: '4.50', price_dollars: '0.3700', is_taker: false });
        const { body } = await getJson(target, '/portfolio/orders?limit=1');
        const order: Order = body.orders[0];
        expect(order).toMatchObject({
          order_id: fill.order_id, ticker: market.ticker, status: 'executed', outcome_side: 'no', book_side: 'ask', side: fill.side, action: fill.action,
          fill_count_fp: '4.50', remaining_count_fp: '0.00', initial_count_fp: '4.50', yes_price_dollars: '0.3700', no_price_dollars: '0.6300',
          maker_fill_cost_dollars: '2.8350', taker_fill_cost_dollars: '0.0000', maker_fees_dollars: fill.fee_cost, subaccount_number: 0,
          created_time: fill.created_time, last_update_time: fill.created_time, order_group_id: null, exchange_index: market.exchange_index,
        });
        expect((await getJson(target, `/portfolio/orders/${fill.order_id}`)).body).toEqual({ order });
        expect((await getJson(target, `/portfolio/orders?status=executed&ticker=${market.ticker}&subaccount=0`)).body.orders[0]).toEqual(order);
        const minTs = fill.ts;
        expect((await getJson(target, `/portfolio/orders?min_ts=${minTs}`)).body.orders.map((o: Order) => o.order_id)).toEqual([fill.order_id]);
        await stream.until((ms) => dataMessages(ms, 'user_order').length === 1, 'the user_order');
        const pushed = dataMessages(stream.messages, 'user_order')[0]!['msg'];
        for (const field of ['order_id', 'client_order_id', 'status', 'fill_count_fp', 'remaining_count_fp', 'initial_count_fp', 'yes_price_dollars',
          'taker_fill_cost_dollars', 'maker_fill_cost_dollars', 'taker_fees_dollars', 'maker_fees_dollars', 'created_time', 'last_update_time', 'user_id'] as const) {
          expect(pushed[field], field).toBe(order[field]);
        }
        // Not resting: no queue position, and the resting-order value is unchanged.
        expect((await getJson(target, `/portfolio/orders/${fill.order_id}/queue_position`)).status).toBe(404);
        expect((await getJson(target, '/portfolio/summary/total_resting_order_value')).body).toEqual(target.data.restingOrderValue);
      } finally {
        stream.ws.terminate();
      }
    });
  });

  it('under a cutoff set in the future the trade\'s order is historical, like its fill', async () => {
    await withFake({ seed: 7 }, async (target) => {
      target.setHistoricalCutoff(target.data.now + DAY_MS);
      const fill = await target.trade({ ticker: openMarket(target).ticker, outcome_side: 'no', book_side: 'ask', count_fp: '1.00', price_dollars: '0.5000' });
      expect((await getJson(target, '/historical/orders?limit=1')).body.orders[0].order_id).toBe(fill.order_id);
      expect((await getJson(target, '/historical/fills?limit=1')).body.fills[0].order_id).toBe(fill.order_id);
      expect(ids((await getJson(target, '/portfolio/orders?limit=1000')).body.orders)).not.toContain(fill.order_id);
      target.setHistoricalCutoff(null);
      expect((await getJson(target, '/portfolio/orders?limit=1')).body.orders[0].order_id).toBe(fill.order_id);
    });
  });
});

describe('GET /portfolio/orders filters and pages', () => {
  const live = () => fake.data.liveOrders;

  it('pages newest first with limit 7 and cursor "" at the end; defaults to 100', async () => {
    const pages = await allPages(fake, '/portfolio/orders?limit=7');
    expect(pages.flatMap((p) => p.orders)).toEqual(live());
    expect(pages.at(-1).cursor).toBe('');
    for (let i = 1; i < live().length; i++) expect(createdMs(live()[i - 1]!)).toBeGreaterThanOrEqual(createdMs(live()[i]!));
    const first = await getJson(fake, '/portfolio/orders');
    expect(first.body.orders).toEqual(live().slice(0, 100));
  });

  it('filters by ticker, event_ticker (one or several), status, subaccount, exchange_index and min_ts/max_ts, the filters resent on every page', async () => {
    const o = live().find((x) => x.status !== 'resting')!;
    const eventOf = (ticker: string) => fake.data.markets.find((m) => m.ticker === ticker)!.event_ticker;
    const events = [...new Set(live().map((x) => eventOf(x.ticker)))].slice(0, 3);
    const fromS = Math.floor(createdMs(live()[40]!) / 1000);
    const toS = Math.floor(createdMs(live()[10]!) / 1000);
    const cases: Array<[string, (x: Order) => boolean]> = [
      [`ticker=${o.ticker}`, (x) => x.ticker === o.ticker],
      [`event_ticker=${events[0]}`, (x) => eventOf(x.ticker) === events[0]],
      [`event_ticker=${events.join(',')}`, (x) => events.includes(eventOf(x.ticker))],
      ['status=resting', (x) => x.status === 'resting'],
      ['status=canceled', (x) => x.status === 'canceled'],
      ['status=executed', (x) => x.status === 'executed'],
      ['subaccount=0', (x) => x.subaccount_number === 0],
      ['subaccount=2', (x) => x.subaccount_number === 2],
      ['exchange_index=1', (x) => x.exchange_index === 1],
      [`min_ts=${fromS}&max_ts=${toS}`, (x) => createdMs(x) >= fromS * 1000 && createdMs(x) < (toS + 1) * 1000],
      [`status=executed&subaccount=0&exchange_index=0`, (x) => x.status === 'executed' && x.subaccount_number === 0 && x.exchange_index === 0],
    ];
    for (const [query, keep] of cases) {
      const expected = live().filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await listAll(fake, `/portfolio/orders?limit=4&${query}`, 'orders'), query).toEqual(expected);
    }
  });

  it('/historical/orders filters by ticker, min_ts/max_ts and subaccount', async () => {
    const hist = fake.data.historicalOrders;
    const o = hist[5]!;
    const fromS = Math.floor(createdMs(hist[30]!) / 1000);
    const toS = Math.floor(createdMs(hist[3]!) / 1000);
    const cases: Array<[string, (x: Order) => boolean]> = [
      [`ticker=${o.ticker}`, (x) => x.ticker === o.ticker],
      ['subaccount=1', (x) => x.subaccount_number === 1],
      [`min_ts=${fromS}&max_ts=${toS}`, (x) => createdMs(x) >= fromS * 1000 && createdMs(x) < (toS + 1) * 1000],
    ];
    for (const [query, keep] of cases) {
      const expected = hist.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await listAll(fake, `/historical/orders?limit=5&${query}`, 'orders'), query).toEqual(expected);
    }
  });

  it('refuses bad parameters with 400 {msg}: limit over 1000 or under 1, an unknown status, eleven events, a bad subaccount', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `KXE-${i}`).join(',');
    for (const relative of [
      '/portfolio/orders?limit=1001', '/portfolio/orders?limit=0', '/portfolio/orders?status=open', `/portfolio/orders?event_ticker=${eleven}`,
      '/portfolio/orders?subaccount=64', '/portfolio/orders?exchange_index=-1', '/historical/orders?limit=1001', '/historical/orders?min_ts=soon',
      '/portfolio/orders/queue_positions?subaccount=-1', '/portfolio/order_groups?subaccount=x',
    ]) {
      const answer = await getJson(fake, relative);
      expect(answer.status, relative).toBe(400);
      expect(Object.keys(answer.body), relative).toEqual(['msg']);
    }
    expect((await getJson(fake, '/portfolio/orders?limit=1001')).body.msg).toMatch(/^Parameter validation failed for GetOrders: .*'Limit'.*'lte'/);
    expect((await getJson(fake, '/portfolio/orders?limit=1000')).status).toBe(200);
  });

  it('GET /portfolio/orders/{order_id} finds any order, live or historical; an unknown id is 404 not_found', async () => {
    for (const o of [fake.data.liveOrders[0]!, fake.data.historicalOrders[0]!]) {
      expect((await getJson(fake, `/portfolio/orders/${o.order_id}`)).body).toEqual({ order: o });
    }
    const missing = await getJson(fake, '/portfolio/orders/no-such-order');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: 'order not found' });
  });
});

describe('determinism', () => {
  it('the same seed makes the same orders, groups and queue positions', async () => {
    await withFake({ seed: 7 }, async (again) => {
      expect(again.data.orders).toEqual(fake.data.orders);
      expect(again.data.orderGroups).toEqual(fake.data.orderGroups);
      expect(again.data.queuePositions).toEqual(fake.data.queuePositions);
    });
  });

  it('holds for other seeds and sizes: fills sum to their orders, resting orders to the value', async () => {
    for (const options of [{ seed: 1 }, { seed: 42, fills: 600, marketPositions: 90 }, { seed: 3, fills: 0, marketPositions: 0 }]) {
      await withFake(options, async (target) => {
        const counts = new Map<string, number>();
        for (const f of target.data.fills) counts.set(f.order_id, (counts.get(f.order_id) ?? 0) + hundredths(f.count_fp));
        for (const o of target.data.orders) expect(hundredths(o.fill_count_fp)).toBe(counts.get(o.order_id) ?? 0);
        expect(new Set(target.data.orders.map((o) => o.order_id)).size).toBe(target.data.orders.length);
        for (const id of counts.keys()) expect(target.data.orders.some((o) => o.order_id === id)).toBe(true);
        const resting = target.data.orders.filter((o) => o.status === 'resting');
        const value = sum(resting.map((o) => (hundredths(o.remaining_count_fp) * committed(o)) / 100));
        expect(target.data.restingOrderValue.total_resting_order_value).toBe(Math.trunc(value / 10_000));
        expect(resting.length).toBe(sum(target.data.marketPositions.map((e) => e.position.resting_orders_count)));
        expect(target.data.queuePositions.map((q) => q.order_id)).toEqual(resting.map((o) => o.order_id));
      });
    }
  });
});
