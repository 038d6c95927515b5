/**
 * The fake trades: its matching engine crosses, fills in part, charges Kalshi's fees, honours the
 * order flags and groups, and every change shows in REST (orders, fills, positions, balance) at once.
 * Each test uses a market of its own, so the house liquidity it meets is the book's starting one
 * (asks 10 @ 0.56, 20 @ 0.58, 50 @ 0.60; bids 10 @ 0.44, 20 @ 0.42, 50 @ 0.40).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiApiError, fillEffect, formatCount, parseDollars, subtractCounts, subtractDollars, type KalshiClient, type OrderDesk } from '../../src/index.js';
import { cashTerms, startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { rejection } from '../support/async.js';
import { deskOn, openMarket } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;
let client: KalshiClient;
let nextFlat = 0;
let nextHeld = 0;
/** A market of its own for each test where nothing is held yet (few of them), */
const market = () => openMarket(fake, nextFlat++).ticker;
/** or one where the seed left a position, for tests that do not look at positions. */
const busyMarket = () => openMarket(fake, nextHeld++, false).ticker;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 43, rateLimit: { tokensPerSecond: 10_000, capacity: 100 } });
  desk = await deskOn(fake);
  client = desk.client;
  // The seeded resting orders would meet the tests' orders (and self-trade prevention stop them).
  await desk.cancelAll();
});
afterAll(() => fake.close());

const order = async (id: string) => (await client.getOrder({ order_id: id })).order;
const fillsOf = async (id: string) => (await client.getFills({ order_id: id })).fills;
const positionIn = async (ticker: string) => (await client.getPositions({ ticker })).market_positions.find((p) => p.ticker === ticker);
const balance = async () => (await client.getBalance()).balance_dollars;
const code = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(KalshiApiError);
  return { status: (error as KalshiApiError).status, code: (error as KalshiApiError).code };
};

describe('crossing and fills', () => {
  it('a bid through two ask levels fills in part, rests the rest, and REST agrees on every figure', async () => {
    const ticker = market();
    const cashBefore = await balance();
    const before = await positionIn(ticker);
    const placed = await desk.place({ ticker, side: 'bid', price: '0.58', count: 35 });
    // 10 @ 0.56 and 20 @ 0.58 cross; 5 rest at 0.58.
    expect(placed).toMatchObject({ filled: '30.00', remaining: '5.00', averageFillPrice: '0.5733' });
    const fills = await fillsOf(placed.orderId);
    expect(fills.map((f) => [f.count_fp, f.yes_price_dollars, f.fee_cost, f.book_side, f.outcome_side, f.is_taker])).toEqual([
      ['20.00', '0.5800', '0.341100', 'bid', 'yes', true],
      ['10.00', '0.5600', '0.172500', 'bid', 'yes', true],
    ]);
    const row = await order(placed.orderId);
    expect(row).toMatchObject({ status: 'resting', fill_count_fp: '30.00', remaining_count_fp: '5.00', initial_count_fp: '35.00', taker_fill_cost_dollars: '17.2000', taker_fees_dollars: '0.513600' });
    const after = (await positionIn(ticker))!;
    expect(subtractCounts(after.position_fp, before?.position_fp ?? '0.00')).toBe('30.00');
    expect(subtractDollars(after.fees_paid_dollars, before?.fees_paid_dollars ?? '0')).toBe('0.5136');
    // Cash paid: $17.20 for the contracts plus $0.5136 in fees (each fill's fee rounded up to $0.0001).
    expect(subtractDollars(cashBefore, await balance())).toBe('17.7136');
  });

  it('an ask at 0.44 sells into the bids: NO direction, priced in YES terms, and closes YES held', async () => {
    const ticker = market();
    await desk.place({ ticker, side: 'bid', price: '0.56', count: 10 });
    const cashBefore = await balance();
    const sold = await desk.place({ ticker, side: 'ask', price: '0.44', count: 10, timeInForce: 'immediate_or_cancel' });
    expect(sold).toMatchObject({ filled: '10.00', remaining: '0.00' });
    const [fill] = await fillsOf(sold.orderId);
    expect(fill).toMatchObject({ book_side: 'ask', outcome_side: 'no', yes_price_dollars: '0.4400', no_price_dollars: '0.5600' });
    expect(await positionIn(ticker)).toMatchObject({ position_fp: '0.00', realized_pnl_dollars: '-1.2000' });
    // Bought NO at 0.56 × 10 = $5.60 plus $0.1725 fee, and the ten YES+NO pairs paid back $10.
    expect(subtractDollars(await balance(), cashBefore)).toBe('4.2275');
    expect((await order(sold.orderId)).status).toBe('executed');
  });
});

describe('order flags', () => {
  it('post_only refuses an order that would cross, and places one that would not', async () => {
    const ticker = market();
    expect(await code(desk.place({ ticker, side: 'bid', price: '0.56', count: 1, postOnly: true }))).toEqual({ status: 400, code: 'post_only_cross' });
    const resting = await desk.place({ ticker, side: 'bid', price: '0.50', count: 1, postOnly: true });
    expect(resting).toMatchObject({ filled: '0.00', remaining: '1.00' });
  });

  it('immediate_or_cancel drops what did not fill; fill_or_kill fills whole or not at all', async () => {
    const ticker = market();
    const ioc = await desk.place({ ticker, side: 'bid', price: '0.56', count: 15, timeInForce: 'immediate_or_cancel' });
    expect(ioc).toMatchObject({ filled: '10.00', remaining: '0.00' });
    expect((await order(ioc.orderId)).status).toBe('canceled');
    const killed = await desk.place({ ticker, side: 'bid', price: '0.58', count: 25, timeInForce: 'fill_or_kill' });
    expect(killed).toMatchObject({ filled: '0.00', remaining: '0.00' });
    expect(await fillsOf(killed.orderId)).toEqual([]);
    const filled = await desk.place({ ticker, side: 'bid', price: '0.58', count: 20, timeInForce: 'fill_or_kill' });
    expect(filled).toMatchObject({ filled: '20.00', remaining: '0.00' });
  });

  it('reduce_only is cut to the position it shrinks, and refused with nothing to shrink', async () => {
    const ticker = market();
    expect(await code(desk.place({ ticker, side: 'ask', price: '0.44', count: 5, reduceOnly: true }))).toEqual({ status: 400, code: 'reduce_only_no_position' });
    await desk.place({ ticker, side: 'bid', price: '0.56', count: 3 });
    const reduced = await desk.place({ ticker, side: 'ask', price: '0.44', count: 5, reduceOnly: true });
    expect(reduced).toMatchObject({ filled: '3.00' });
    expect(await positionIn(ticker)).toMatchObject({ position_fp: '0.00' });
  });

  it('self-trade prevention: taker_at_cross stops at the own order, maker cancels it and goes on', async () => {
    const ticker = market();
    const own = await desk.place({ ticker, side: 'ask', price: '0.50', count: 2 });
    const stopped = await desk.place({ ticker, side: 'bid', price: '0.56', count: 5, timeInForce: 'immediate_or_cancel' });
    expect(stopped).toMatchObject({ filled: '0.00' });
    expect((await order(own.orderId)).status).toBe('resting');
    const through = await desk.place({ ticker, side: 'bid', price: '0.56', count: 5, timeInForce: 'immediate_or_cancel', selfTradePrevention: 'maker' });
    expect(through).toMatchObject({ filled: '5.00' });
    expect((await order(own.orderId)).status).toBe('canceled');
  });

  it('an order past its expiration_time is canceled', async () => {
    const ticker = market();
    // Expiry is judged on the fake's data clock, which GET /exchange/user_data_timestamp reports.
    const soon = Math.floor(Date.parse((await client.getUserDataTimestamp()).as_of_time) / 1000) + 2;
    const placed = await desk.place({ ticker, side: 'bid', price: '0.30', count: 1, expirationTime: soon });
    expect((await order(placed.orderId)).expiration_time).not.toBeNull();
    // No request is needed for it to expire: REST shows it cancelled once its time has come.
    const deadline = Date.now() + 3_100;
    while ((await order(placed.orderId)).status === 'resting' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await order(placed.orderId)).status).toBe('canceled');
    expect(Date.parse((await order(placed.orderId)).last_update_time!)).toBe(soon * 1000);
  });
});

describe('changing and cancelling', () => {
  it('amend to a crossing price fills; decrease and cancel shrink; REST follows', async () => {
    const ticker = busyMarket();
    const placed = await desk.place({ ticker, side: 'bid', price: '0.50', count: 12 });
    const amended = await desk.amend(placed.orderId, { ticker, side: 'bid', price: '0.56', count: 12 });
    expect(amended).toMatchObject({ filled: '10.00', remaining: '2.00', checkedByRead: false });
    expect(await order(placed.orderId)).toMatchObject({ yes_price_dollars: '0.5600', fill_count_fp: '10.00', remaining_count_fp: '2.00' });
    const again = await desk.place({ ticker, side: 'bid', price: '0.40', count: 10 });
    expect(await desk.decrease(again.orderId, { by: 4 })).toMatchObject({ remaining: '6.00' });
    expect(await desk.decrease(again.orderId, { to: 1 })).toMatchObject({ remaining: '1.00' });
    expect(await order(again.orderId)).toMatchObject({ remaining_count_fp: '1.00', initial_count_fp: '1.00' });
    expect(await desk.cancel(again.orderId)).toMatchObject({ reducedBy: '1.00' });
    expect(await code(desk.cancel(again.orderId))).toEqual({ status: 404, code: 'not_found' });
  });

  it('amend refuses a count at or under what filled, and a side or ticker that is not the order\'s', async () => {
    const ticker = busyMarket();
    const placed = await desk.place({ ticker, side: 'bid', price: '0.56', count: 12 });
    expect(await code(desk.amend(placed.orderId, { ticker, side: 'bid', price: '0.50', count: 10 }))).toEqual({ status: 400, code: 'invalid_order_size' });
    expect(await code(desk.amend(placed.orderId, { ticker, side: 'ask', price: '0.50', count: 12 }))).toEqual({ status: 400, code: 'order_side_mismatch' });
  });

  it('cancel all takes every resting order off, and the fake answers 204', async () => {
    const ticker = busyMarket();
    const a = await desk.place({ ticker, side: 'bid', price: '0.20', count: 1 });
    const b = await desk.place({ ticker, side: 'ask', price: '0.80', count: 1 });
    await desk.cancelAll();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204 });
    expect((await order(a.orderId)).status).toBe('canceled');
    expect((await order(b.orderId)).status).toBe('canceled');
    expect((await client.getOrders({ status: 'resting', ticker })).orders).toEqual([]);
  });

  it('a repeated client_order_id is refused with 409 and places nothing', async () => {
    const ticker = busyMarket();
    const body = { ticker, client_order_id: crypto.randomUUID(), side: 'bid' as const, count: '1.00', price: '0.2000', time_in_force: 'good_till_canceled' as const, self_trade_prevention_type: 'taker_at_cross' as const };
    await client.createOrderV2(body);
    expect(await code(client.createOrderV2(body))).toEqual({ status: 409, code: 'duplicate_client_order_id' });
    expect(fake.data.orders.filter((o) => o.client_order_id === body.client_order_id)).toHaveLength(1);
  });
});

describe('batches', () => {
  it('per-item errors are typed per item, never lost in the 201', async () => {
    const ticker = busyMarket();
    const results = await desk.placeBatch([
      { ticker, side: 'bid', price: '0.30', count: 1 },
      { ticker, side: 'bid', price: '0.56', count: 1, postOnly: true },
      { ticker, side: 'ask', price: '0.70', count: 2 },
    ]);
    expect(results.map((r) => (r instanceof Error ? `error ${r.code} at ${r.index}` : r.remaining))).toEqual(['1.00', 'error post_only_cross at 1', '2.00']);
  });

  it('are split to fit the write bucket (capacity 100: ten creates a batch)', async () => {
    const ticker = busyMarket();
    const seen = fake.requests.filter((r) => r.path.endsWith('/batched')).length;
    const results = await desk.placeBatch(Array.from({ length: 25 }, () => ({ ticker, side: 'bid' as const, price: '0.05', count: 1 })));
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    expect(fake.requests.filter((r) => r.path.endsWith('/batched')).length - seen).toBe(3);
  });

  it('the fake refuses a batch larger than the bucket whole, and cancels per item', async () => {
    const ticker = busyMarket();
    const item = { ticker, side: 'bid' as const, count: '1.00', price: '0.0500', time_in_force: 'good_till_canceled' as const, self_trade_prevention_type: 'taker_at_cross' as const };
    expect(await code(client.batchCreateOrdersV2({ orders: Array.from({ length: 11 }, () => item) }))).toEqual({ status: 400, code: 'batch_too_large' });
    const placed = await desk.place({ ticker, side: 'bid', price: '0.05', count: 3 });
    const { orders } = await client.batchCancelOrdersV2({ orders: [{ order_id: placed.orderId }, { order_id: 'no-such-order' }] });
    expect(orders[0]).toMatchObject({ order_id: placed.orderId, reduced_by: '3.00' });
    expect(orders[1]).toMatchObject({ order_id: 'no-such-order', reduced_by: '0.00', error: { code: 'not_found' } });
  });
});

describe('order groups', () => {
  it('the rolling limit cancels the group\'s orders once reached and refuses new ones until a reset', async () => {
    const ticker = busyMarket();
    const { order_group_id: group } = await client.createOrderGroup({ contracts_limit: 5 });
    const resting = await desk.place({ ticker, side: 'bid', price: '0.30', count: 2, orderGroupId: group });
    await desk.place({ ticker, side: 'bid', price: '0.56', count: 5, orderGroupId: group, timeInForce: 'immediate_or_cancel' });
    expect((await order(resting.orderId)).status).toBe('canceled');
    expect(await code(desk.place({ ticker, side: 'bid', price: '0.30', count: 1, orderGroupId: group }))).toEqual({ status: 400, code: 'order_group_triggered' });
    await client.resetOrderGroup({ order_group_id: group });
    const after = await desk.place({ ticker, side: 'bid', price: '0.30', count: 1, orderGroupId: group });
    expect((await client.getOrderGroup({ order_group_id: group })).orders).toContain(after.orderId);
    await client.triggerOrderGroup({ order_group_id: group });
    expect((await order(after.orderId)).status).toBe('canceled');
    await client.updateOrderGroupLimit({ order_group_id: group, contracts_limit_fp: '50.00' });
    expect((await client.getOrderGroup({ order_group_id: group })).contracts_limit_fp).toBe('50.00');
    await client.deleteOrderGroup({ order_group_id: group });
    expect(await code(client.getOrderGroup({ order_group_id: group }))).toEqual({ status: 404, code: 'not_found' });
  });
});

describe('one position rule with fake.trade()', () => {
  it('order-write fills (subaccount 0; a new subaccount with netting off) keep the cash identity at zero residual, and each position is the running sum of its fills', async () => {
    // A market where the seed left subaccount 0 a position: the new fills go on top of its history.
    const { ticker, exchange_index: exchangeIndex } = openMarket(fake, nextHeld++, false);
    const seeded = (await positionIn(ticker))!.position_fp;
    expect(await desk.place({ ticker, side: 'bid', price: '0.58', count: 15 })).toMatchObject({ filled: '15.00' });
    await fake.trade({ ticker, outcome_side: 'no', count_fp: '3.00', price_dollars: '0.5000' });
    expect(await desk.place({ ticker, side: 'ask', price: '0.42', count: 20, timeInForce: 'immediate_or_cancel' })).toMatchObject({ filled: '20.00' });
    // A fresh subaccount (no history, so its setting held throughout) with netting off holds YES and NO side by side.
    const { subaccount_number: sub } = await client.createSubaccount({});
    await client.applySubaccountTransfer({ client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: sub, amount_cents: 5_000, exchange_index: exchangeIndex });
    await client.updateSubaccountNetting({ subaccount_number: sub, enabled: false });
    expect(await desk.place({ ticker, side: 'bid', price: '0.60', count: 4, subaccount: sub })).toMatchObject({ filled: '4.00' });
    expect(await desk.place({ ticker, side: 'ask', price: '0.40', count: 2, subaccount: sub, timeInForce: 'immediate_or_cancel' })).toMatchObject({ filled: '2.00' });

    const rows = { ...fake.data, ...fake.state };
    for (const pot of fake.state.cash) {
      const terms = cashTerms(rows, { instance: 'event_contract', subaccount: pot.subaccount, exchangeIndex: pot.exchange_index });
      expect(parseDollars(pot.balance_dollars) - terms.total, `residual of subaccount ${pot.subaccount} on shard ${pot.exchange_index}`).toBe(0n);
    }
    // +15 YES, then 3 and 20 NO: 8 contracts further toward NO; the new subaccount 4 YES and 2 NO.
    for (const [subaccount, expected] of [[0, subtractCounts(seeded, '8.00')], [sub, '2.00']] as const) {
      const fills = fake.data.fills
        .filter((f) => f.ticker === ticker && f.subaccount_number === subaccount)
        .sort((a, b) => (a.created_time < b.created_time ? -1 : 1));
      const running = fills.reduce((sum, f) => sum + fillEffect(f).signedCount, 0n);
      const position = (await client.getPositions({ ticker, subaccount })).market_positions.find((p) => p.ticker === ticker)!;
      expect([formatCount(running), position.position_fp]).toEqual([expected, expected]);
    }
    // Netting off: both sides' lots are held, so the exposure is both costs (4 × 0.58 + 2 × (1 − 0.42)).
    expect((await client.getPositions({ ticker, subaccount: sub })).market_positions[0]).toMatchObject({ market_exposure_dollars: '3.48', realized_pnl_dollars: '0.0000' });
  });
});
