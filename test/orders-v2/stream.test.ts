/** The engine's fills go out on the stream as `fill`, `market_position` and `user_order`, agreeing with REST. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderDesk, StreamEvent } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
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
