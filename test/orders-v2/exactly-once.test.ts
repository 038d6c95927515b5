/**
 * Exactly once: whatever happens to the answers, one create call is one order at the server, and
 * an id the caller reused is a typed error naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderDesk, KalshiAlreadyAppliedError, KalshiDuplicateClientOrderIdError, KalshiOrderAnswerError, type OrderDesk } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { rejection } from '../support/async.js';
import { deskOn, openMarket, orderWrites } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;
let ticker: string;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 31 });
  desk = await deskOn(fake);
  ticker = openMarket(fake).ticker;
  // The desk reads the market's rules once (then caches them): read now, so the answers queued below meet the writes.
  await desk.marketRules(ticker);
});
afterAll(() => fake.close());

/** Orders the fake holds under a client_order_id. */
const ordersWith = (clientOrderId: string) => fake.data.orders.filter((o) => o.client_order_id === clientOrderId);
const creates = (clientOrderId: string) => orderWrites(fake).filter((r) => r.method === 'POST' && JSON.stringify(r.body ?? '').includes(clientOrderId));

describe('a create whose answer is lost after the server applied it', () => {
  it('resolves to the one order the server placed, found among recent orders', async () => {
    fake.queueResponses({ loseAnswer: true });
    const clientOrderId = crypto.randomUUID();
    const placed = await desk.place({ ticker, side: 'bid', price: '0.30', count: 4, clientOrderId });
    expect(placed.recovered).toBe(true);
    expect(ordersWith(clientOrderId)).toHaveLength(1);
    expect(placed.orderId).toBe(ordersWith(clientOrderId)[0]!.order_id);
    expect(placed.remaining).toBe('4.00');
    // The retry carried the same id as the attempt whose answer was lost.
    expect(creates(clientOrderId)).toHaveLength(2);
  });

  it('keeps the id it made itself across the retry when the caller gave none', async () => {
    fake.queueResponses({ loseAnswer: true });
    const before = fake.data.orders.length;
    const placed = await desk.place({ ticker, side: 'ask', price: '0.70', count: 2 });
    expect(placed.recovered).toBe(true);
    expect(fake.data.orders.length).toBe(before + 1);
    const bodies = creates(placed.clientOrderId).map((r) => (r.body as { client_order_id: string }).client_order_id);
    expect(bodies).toEqual([placed.clientOrderId, placed.clientOrderId]);
  });
});

describe('storms of 429 and 5xx answers', () => {
  it.each([
    ['429', { status: 429, body: { error: 'too many requests' } }],
    ['500', { status: 500, body: { error: { code: 'internal_server_error', message: 'boom' } } }],
    ['503 html', { status: 503, body: '<html>busy</html>', headers: { 'content-type': 'text/html' } }],
  ] as const)('%s four times in a row, then the create goes through: one order', async (_name, answer) => {
    fake.queueResponses(answer, answer, answer, answer);
    const clientOrderId = crypto.randomUUID();
    const placed = await desk.place({ ticker, side: 'bid', price: '0.25', count: 1, clientOrderId });
    expect(creates(clientOrderId)).toHaveLength(5);
    expect(placed.recovered).toBe(false);
    expect(ordersWith(clientOrderId)).toHaveLength(1);
  });

  it('a 5xx that hides an applied create, then a 409: resolved to the order, not placed twice', async () => {
    // The first attempt is applied and its answer lost; the second meets a 502; the third gets 409.
    fake.queueResponses({ loseAnswer: true }, { status: 502, body: '' });
    const clientOrderId = crypto.randomUUID();
    const placed = await desk.place({ ticker, side: 'bid', price: '0.31', count: 3, clientOrderId });
    expect(placed.recovered).toBe(true);
    expect(creates(clientOrderId)).toHaveLength(3);
    expect(ordersWith(clientOrderId)).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error, placing nothing', async () => {
    const storm = Array.from({ length: 6 }, () => ({ status: 429, body: { error: 'too many requests' } }));
    fake.queueResponses(...storm);
    const clientOrderId = crypto.randomUUID();
    const error = await rejection(desk.place({ ticker, side: 'bid', price: '0.20', count: 1, clientOrderId }));
    expect(error).toMatchObject({ status: 429 });
    expect(ordersWith(clientOrderId)).toHaveLength(0);
  });
});

describe('ids', () => {
  it('100 concurrent creates with distinct ids make 100 orders (1,000 in exactly-once.slow.test.ts)', async () => {
    const before = fake.data.orders.length;
    const ids = Array.from({ length: 100 }, () => crypto.randomUUID());
    const placed = await Promise.all(ids.map((clientOrderId, i) => desk.place({ ticker, side: i % 2 ? 'bid' : 'ask', price: i % 2 ? '0.10' : '0.90', count: 1, clientOrderId })));
    expect(new Set(placed.map((p) => p.orderId)).size).toBe(100);
    expect(fake.data.orders.length).toBe(before + 100);
    for (const clientOrderId of ids) expect(ordersWith(clientOrderId)).toHaveLength(1);
  });

  it('a 409 for an id the caller reused is a typed error naming it, and no second order', async () => {
    const clientOrderId = crypto.randomUUID();
    await desk.place({ ticker, side: 'bid', price: '0.11', count: 1, clientOrderId });
    const error = await rejection(desk.place({ ticker, side: 'bid', price: '0.12', count: 1, clientOrderId }));
    expect(error).toBeInstanceOf(KalshiDuplicateClientOrderIdError);
    expect((error as KalshiDuplicateClientOrderIdError).clientOrderId).toBe(clientOrderId);
    expect((error as Error).message).toContain(clientOrderId);
    expect(ordersWith(clientOrderId)).toHaveLength(1);
  });

  it('after a lost answer, a 409 whose id is held by a different order is the caller\'s reuse, not a recovery', async () => {
    const clientOrderId = crypto.randomUUID();
    await desk.place({ ticker, side: 'bid', price: '0.13', count: 1, clientOrderId });
    fake.queueResponses({ status: 503, body: '' });
    const error = await rejection(desk.place({ ticker, side: 'ask', price: '0.87', count: 5, clientOrderId }));
    expect(error).toBeInstanceOf(KalshiDuplicateClientOrderIdError);
  });

  it('after only 429s, a 409 is the caller\'s reuse even for the very same order: a 429 applied nothing', async () => {
    const clientOrderId = crypto.randomUUID();
    const order = { ticker, side: 'bid', price: '0.18', count: 1, clientOrderId } as const;
    await desk.place(order);
    fake.queueResponses({ status: 429, body: { error: 'too many requests' } });
    const error = await rejection(desk.place(order));
    expect(error).toBeInstanceOf(KalshiDuplicateClientOrderIdError);
    expect(creates(clientOrderId)).toHaveLength(3);
    expect(ordersWith(clientOrderId)).toHaveLength(1);
  });

  it('the client itself keys and retries a create (src/http/idempotency.ts): an id minted before the first attempt, kept across a 5xx', async () => {
    fake.queueResponses({ status: 503, body: '' });
    const answer = await desk.client.createOrderV2({ ticker, side: 'bid', price: '0.17', count: '1.00', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' });
    const sent = creates(answer.client_order_id).map((r) => (r.body as { client_order_id: string }).client_order_id);
    expect(sent).toEqual([answer.client_order_id, answer.client_order_id]);
    expect(ordersWith(answer.client_order_id)).toHaveLength(1);
    // A lost answer then 409: the client says the earlier attempt applied it, and the desk finds the order.
    fake.queueResponses({ loseAnswer: true });
    const again = await rejection(desk.client.createOrderV2({ ticker, side: 'bid', price: '0.16', count: '1.00', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' }));
    expect(again).toBeInstanceOf(KalshiAlreadyAppliedError);
    expect(again).toMatchObject({ byEarlierAttempt: true, idempotencyKey: 'client_order_id' });
  });

  it('a create answered 2xx without an order_id is an error, not an order', async () => {
    // Without response validation, so the desk's own check is what refuses it.
    const plain = await createOrderDesk({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
    await plain.marketRules(ticker);
    fake.queueResponses({ status: 201, body: { fill_count: '0.00', remaining_count: '1.00', ts_ms: 1 } });
    const refused = await rejection(plain.place({ ticker, side: 'bid', price: '0.14', count: 1 }));
    expect(refused).toBeInstanceOf(KalshiOrderAnswerError);
    expect((refused as Error).message).toMatch(/no order_id/);
  });

  it('a cancel answer naming another order is checked with a read of the order asked for', async () => {
    const placed = await desk.place({ ticker, side: 'bid', price: '0.15', count: 2 });
    const stranger = { order_id: crypto.randomUUID(), client_order_id: 'x', reduced_by: '2.00', ts_ms: 1 };
    // The answer is about another order and the order asked for still rests: refused, naming it.
    fake.queueResponses({ status: 200, body: stranger });
    const refused = await rejection(desk.cancel(placed.orderId));
    expect(refused).toBeInstanceOf(KalshiOrderAnswerError);
    expect((refused as KalshiOrderAnswerError).orderId).toBe(placed.orderId);
    expect((refused as Error).message).toMatch(/still resting/);
    // Cancelled after all (here by hand), the same odd answer is confirmed by the read.
    await desk.client.cancelOrderV2({ order_id: placed.orderId });
    fake.queueResponses({ status: 200, body: stranger });
    expect(await desk.cancel(placed.orderId)).toMatchObject({ orderId: placed.orderId, checkedByRead: true });
  });

  it('an amend answer naming another order is believed only if the order shows the change', async () => {
    const placed = await desk.place({ ticker, side: 'bid', price: '0.16', count: 2 });
    fake.queueResponses({ status: 200, body: { order_id: crypto.randomUUID(), ts_ms: 1 } });
    const refused = await rejection(desk.amend(placed.orderId, { ticker, side: 'bid', price: '0.17', count: 2 }));
    expect(refused).toBeInstanceOf(KalshiOrderAnswerError);
    await desk.client.amendOrderV2({ order_id: placed.orderId, ticker, side: 'bid', price: '0.1700', count: '2.00' });
    fake.queueResponses({ status: 200, body: { order_id: crypto.randomUUID(), ts_ms: 1 } });
    expect(await desk.amend(placed.orderId, { ticker, side: 'bid', price: '0.17', count: 2 })).toMatchObject({ checkedByRead: true, remaining: '2.00' });
  });
});
