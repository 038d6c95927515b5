/**
 * The engine's fills go out on the stream as `fill`, `market_position` and `user_order`, and every
 * other change of an order as a `user_order`, agreeing with REST and with Kalshi's AsyncAPI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDesk, StreamEvent } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { expectKalshiMessage } from '../conformance/stream-support.js';
import { connectStream, dataMessages } from '../support/fake-stream.js';
import { deskOn, openMarket } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 53 });
  desk = await deskOn(fake);
});
afterAll(() => fake.close());

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('a crossing order shows on the stream as its fills, the position after each, and the order', async () => {
  const ticker = openMarket(fake).ticker;
  const events: StreamEvent[] = [];
  const stream = desk.client.stream({ heartbeatMs: 1_000 });
  const consumed = (async () => {
    for await (const event of stream) events.push(event);
  })();
  await until(() => events.some((e) => e.type === 'status' && e.status === 'caught-up'), 'caught up');
  const placed = await desk.place({ ticker, side: 'bid', price: '0.58', count: 12 });
  const fills = () => events.filter((e): e is Extract<StreamEvent, { type: 'fill' }> => e.type === 'fill' && e.data.order_id === placed.orderId);
  await until(() => fills().length === 2 && events.filter((e) => e.type === 'user_order').length >= 2, 'two fills and their orders');
  const rest = (await desk.client.getFills({ order_id: placed.orderId })).fills;
  expect(fills().map((e) => e.data.trade_id).sort()).toEqual(rest.map((f) => f.trade_id).sort());
  expect(fills().map((e) => [e.data.count_fp, e.data.yes_price_dollars, e.data.fee_cost, e.data.book_side, e.data.outcome_side])).toEqual([
    ['10.00', '0.5600', '0.172500', 'bid', 'yes'],
    ['2.00', '0.5800', '0.034200', 'bid', 'yes'],
  ]);
  expect(fills().at(-1)!.data.post_position_fp).toBe((await desk.client.getPositions({ ticker })).market_positions[0]!.position_fp);
  await stream.close();
  await consumed;
});

it('order-group writes and a group reaching its limit go out on order_group_updates, numbered by seq', async () => {
  const events: StreamEvent[] = [];
  const stream = desk.client.stream({ channels: ['order_group_updates'], heartbeatMs: 1_000 });
  // A plain socket beside the SDK's sees the wire: each message numbered by its subscription's seq.
  const raw = await connectStream(fake);
  const [subscribed] = await raw.command('subscribe', { channels: ['order_group_updates'] });
  const consumed = (async () => {
    for await (const event of stream) events.push(event);
  })();
  await until(() => events.some((e) => e.type === 'status' && e.status === 'caught-up'), 'caught up');
  const { order_group_id: group } = await desk.client.createOrderGroup({ contracts_limit: 5 });
  await desk.client.updateOrderGroupLimit({ order_group_id: group, contracts_limit_fp: '3.00' });
  // A crossing order in the group fills past its limit: the group triggers itself.
  await desk.place({ ticker: openMarket(fake, 1).ticker, side: 'bid', price: '0.99', count: 4, orderGroupId: group });
  await desk.client.resetOrderGroup({ order_group_id: group });
  await desk.client.deleteOrderGroup({ order_group_id: group });
  const updates = () => events.flatMap((e) => (e.type === 'order_group_update' && e.data.order_group_id === group ? [e.data] : []));
  await until(() => updates().length === 5, 'five group events');
  expect(updates().map((u) => u.event_type)).toEqual(['created', 'limit_updated', 'triggered', 'reset', 'deleted']);
  expect(updates().map((u) => u.contracts_limit_fp)).toEqual(['5.00', '3.00', undefined, undefined, undefined]);
  for (const update of updates()) expect(update.ts_ms).toEqual(expect.any(Number));
  const wire = raw.messages.filter((m) => m['type'] === 'order_group_updates' && m['msg']['order_group_id'] === group);
  expect(wire.map((m) => m['sid'])).toEqual(Array(5).fill(subscribed!['msg']['sid']));
  const seqs = wire.map((m) => m['seq'] as number);
  expect(seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1)).toBe(true);
  raw.ws.close();
  await stream.close();
  await consumed;
});

describe('every change of an order goes out as a user_order, agreeing with REST and with Kalshi\'s AsyncAPI', () => {
  /** The fields of a `user_order` that GET /portfolio/orders/{id} also carries, as the same strings. */
  const SHARED = ['order_id', 'client_order_id', 'ticker', 'status', 'outcome_side', 'book_side', 'yes_price_dollars', 'fill_count_fp', 'remaining_count_fp', 'initial_count_fp', 'taker_fill_cost_dollars', 'maker_fill_cost_dollars', 'taker_fees_dollars', 'maker_fees_dollars'] as const;

  it('resting on create, amend, decrease, cancel, cancel-all and expiry, each once', async () => {
    const ticker = openMarket(fake, 2).ticker;
    const raw = await connectStream(fake);
    await raw.command('subscribe', { channels: ['user_orders'], market_tickers: [ticker] });
    const about = (orderId: string) => dataMessages(raw.messages, 'user_order').filter((m) => m['msg']['order_id'] === orderId);
    /** Waits for the order's `count`-th message and checks it against the order as REST serves it. */
    const told = async (orderId: string, count: number) => {
      await raw.until(() => about(orderId).length >= count, `message ${count} about ${orderId}`);
      const message = about(orderId)[count - 1]!;
      expectKalshiMessage(message);
      const { order } = await desk.client.getOrder({ order_id: orderId });
      for (const field of SHARED) expect(message['msg'][field], field).toBe(order[field]);
      return message['msg'];
    };

    const kept = await desk.place({ ticker, side: 'bid', price: '0.20', count: 5 });
    expect(await told(kept.orderId, 1)).toMatchObject({ status: 'resting', remaining_count_fp: '5.00' });
    await desk.amend(kept.orderId, { ticker, side: 'bid', price: '0.21', count: 6 });
    expect(await told(kept.orderId, 2)).toMatchObject({ status: 'resting', yes_price_dollars: '0.2100', remaining_count_fp: '6.00' });
    await desk.decrease(kept.orderId, { by: 2 });
    expect(await told(kept.orderId, 3)).toMatchObject({ remaining_count_fp: '4.00' });
    await desk.cancel(kept.orderId);
    expect(await told(kept.orderId, 4)).toMatchObject({ status: 'canceled', remaining_count_fp: '0.00' });

    const swept = await desk.place({ ticker, side: 'ask', price: '0.90', count: 1 });
    await told(swept.orderId, 1);
    await desk.cancelAll();
    expect(await told(swept.orderId, 2)).toMatchObject({ status: 'canceled' });

    // Expiry needs no request to happen: the order is cancelled when its time comes, and the stream says so.
    const soon = Math.floor(Date.parse((await desk.client.getUserDataTimestamp()).as_of_time) / 1000) + 1;
    const expiring = await desk.place({ ticker, side: 'bid', price: '0.19', count: 1, expirationTime: soon });
    expect(await told(expiring.orderId, 1)).toMatchObject({ status: 'resting', expiration_ts_ms: soon * 1000 });
    await raw.until(() => about(expiring.orderId).length >= 2, 'the expiry', 3_000);
    expect(await told(expiring.orderId, 2)).toMatchObject({ status: 'canceled' });

    // Nothing was said twice: one message per change.
    expect([kept, swept, expiring].map((o) => about(o.orderId).length)).toEqual([4, 2, 2]);
    raw.ws.close();
  });

  it('an order that crosses says each fill with its fill, then executed', async () => {
    const ticker = openMarket(fake, 3).ticker;
    const raw = await connectStream(fake);
    await raw.command('subscribe', { channels: ['user_orders'], market_tickers: [ticker] });
    const placed = await desk.place({ ticker, side: 'bid', price: '0.58', count: 12, timeInForce: 'immediate_or_cancel' });
    const about = () => dataMessages(raw.messages, 'user_order').filter((m) => m['msg']['order_id'] === placed.orderId);
    await raw.until(() => about().some((m) => m['msg']['status'] === 'executed'), 'executed');
    for (const message of about()) expectKalshiMessage(message);
    expect(about().map((m) => [m['msg']['status'], m['msg']['fill_count_fp']])).toEqual([['resting', '10.00'], ['resting', '12.00'], ['executed', '12.00']]);
    raw.ws.close();
  });
});
