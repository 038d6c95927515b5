/**
 * Guard rails refuse before any byte leaves (the fake records no order write), each with a typed
 * error naming the rail; a dry run returns the exact signed request, which the server would take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiOrderGuardError, kalshiSide, orderCostMicros, type OrderDesk, type PlaceOrderInput } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { rejection } from '../support/async.js';
import { deskOn, openMarket, orderWrites } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;
let ticker: string;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 41 });
  desk = await deskOn(fake, {
    guards: { maxContracts: 50, maxCostDollars: '20.00', maxClientCostDollars: '30.00' },
    marketRules: (t) => (t === 'FINE-TICK' ? { priceBands: [{ start: '0.001', end: '0.999', step: '0.001' }], countStep: '0.01' } : { priceBands: [{ start: '0.01', end: '0.99', step: '0.01' }], countStep: '1.00' }),
  });
  ticker = openMarket(fake).ticker;
});
afterAll(() => fake.close());

describe('each rail refuses before sending', () => {
  const cases: Array<[string, () => PlaceOrderInput, string]> = [
    ['a price between levels', () => ({ ticker, side: 'bid', price: '0.555', count: 1 }), 'price'],
    ['a price of $1', () => ({ ticker, side: 'bid', price: '1', count: 1 }), 'price'],
    ['a price that is not a number', () => ({ ticker, side: 'bid', price: 'abc', count: 1 }), 'price'],
    ['a fractional count where the market takes whole contracts', () => ({ ticker, side: 'bid', price: '0.50', count: '1.5' }), 'count'],
    ['a negative count', () => ({ ticker, side: 'bid', price: '0.50', count: -1 }), 'count'],
    ['more contracts than maxContracts', () => ({ ticker, side: 'bid', price: '0.10', count: 51 }), 'maxContracts'],
    ['an order over maxCostDollars', () => ({ ticker, side: 'bid', price: '0.50', count: 45 }), 'maxCostDollars'],
    ['buy/sell instead of bid/ask', () => ({ ticker, side: 'buy' as never, price: '0.50', count: 1 }), 'side'],
    ['reduceOnly resting until cancelled', () => ({ ticker, side: 'ask', price: '0.50', count: 1, reduceOnly: true, timeInForce: 'good_till_canceled' }), 'reduceOnly'],
    ['an empty ticker', () => ({ ticker: ' ', side: 'bid', price: '0.50', count: 1 }), 'ticker'],
  ];
  it.each(cases)('%s', async (_name, order, guard) => {
    const seen = orderWrites(fake).length;
    const error = await rejection(desk.place(order()));
    expect(error).toBeInstanceOf(KalshiOrderGuardError);
    expect((error as KalshiOrderGuardError).guard).toBe(guard);
    expect(orderWrites(fake).length).toBe(seen);
  });

  it('the fine-tick market takes what the cent market refuses', async () => {
    const dry = await desk.place({ ticker: 'FINE-TICK', side: 'bid', price: '0.555', count: '1.5' }, { dryRun: true });
    expect(JSON.parse(dry.body)).toMatchObject({ price: '0.5550', count: '1.50' });
  });

  it('maxClientCostDollars counts every order this desk sent', async () => {
    // $1.25 + $0.0832 fees, then an ask at 0.40 buys NO at 0.60: $15 + $0.42 fees. A second such ask would pass $30.
    const first = await desk.place({ ticker, side: 'bid', price: '0.05', count: 25 });
    expect(first.orderId).toBeTruthy();
    await desk.place({ ticker, side: 'ask', price: '0.40', count: 25 });
    const seen = orderWrites(fake).length;
    const error = await rejection(desk.place({ ticker, side: 'ask', price: '0.40', count: 25 }));
    expect((error as KalshiOrderGuardError).guard).toBe('maxClientCostDollars');
    expect(orderWrites(fake).length).toBe(seen);
    expect(desk.committedDollars()).toBe('16.7532');
  });
});

describe('direction in Kalshi\'s terms', () => {
  it('sell YES at 60¢ and buy NO at 40¢ are the same order: ask at 0.60; buy YES at 60¢ is a bid at 0.60', () => {
    expect(kalshiSide('sell', 'yes', '0.60')).toEqual({ side: 'ask', price: '0.6000' });
    expect(kalshiSide('buy', 'no', '0.40')).toEqual({ side: 'ask', price: '0.6000' });
    expect(kalshiSide('buy', 'yes', '0.60')).toEqual({ side: 'bid', price: '0.6000' });
    expect(kalshiSide('sell', 'no', '0.40')).toEqual({ side: 'bid', price: '0.6000' });
  });

  it('an ask costs the NO price: 10 at 0.60 is $4.00 plus at most $0.1680 in fees', () => {
    expect(orderCostMicros('ask', 600_000n, 1000n)).toBe(4_168_000n);
    expect(orderCostMicros('bid', 600_000n, 1000n)).toBe(6_168_000n);
  });
});

describe('dry run', () => {
  it('returns the exact signed request without sending it, and the server takes it as is', async () => {
    const seen = orderWrites(fake).length;
    const dry = await desk.place({ ticker, side: 'ask', price: '0.93', count: 2, clientOrderId: 'dry-run-check' }, { dryRun: true });
    expect(orderWrites(fake).length).toBe(seen);
    expect(dry).toMatchObject({ dryRun: true, method: 'POST', url: `${fake.baseUrl}/portfolio/events/orders` });
    expect(JSON.parse(dry.body)).toEqual({
      ticker, client_order_id: 'dry-run-check', side: 'ask', count: '2.00', price: '0.9300', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross',
    });
    expect(Object.keys(dry.headers)).toEqual(expect.arrayContaining(['kalshi-access-key', 'kalshi-access-timestamp', 'kalshi-access-signature']));
    // Sent by hand, byte for byte, the signature holds and the order is placed.
    const answer = await fetch(dry.url, { method: dry.method, headers: dry.headers, body: dry.body });
    expect(answer.status).toBe(201);
    expect(fake.data.orders.filter((o) => o.client_order_id === 'dry-run-check')).toHaveLength(1);
  });

  it('still applies every rail', async () => {
    const error = await rejection(desk.place({ ticker, side: 'bid', price: '0.50', count: 500 }, { dryRun: true }));
    expect((error as KalshiOrderGuardError).guard).toBe('maxContracts');
  });
});
