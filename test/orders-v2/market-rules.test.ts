/**
 * The guard rails read each market's rules from its public data (GET /markets/{ticker}): its price
 * grid, contract step and status, cached per ticker. Against the fake end to end, whose markets
 * trade on cents, tenths of a cent at the tails or everywhere, in whole or hundredths of contracts,
 * and whose matching engine refuses what does not fit, as Kalshi does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiApiError, KalshiConfigError, KalshiOrderGuardError, type OrderDesk } from '../../src/index.js';
import { rulesFromMarket } from '../../src/orders/market-rules.js';
import type { MarketInfo } from '../../src/testing/data/dataset-types.js';
import { type MarketStructure, marketStructureOf } from '../../src/testing/data/market-structure.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { rejection } from '../support/async.js';
import { deskOn, orderWrites } from './support.js';

let fake: FakeKalshi;
let desk: OrderDesk;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 41 });
  desk = await deskOn(fake);
});
afterAll(() => fake.close());

/** An open market whose structure passes `accept`. */
function openWhere(accept: (s: MarketStructure) => boolean, skip = 0): MarketInfo {
  const nowS = fake.data.now / 1000;
  const found = fake.data.markets.filter((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts && accept(marketStructureOf(m.ticker)));
  if (found.length <= skip) throw new Error(`seed 41 has only ${found.length} open markets of that structure`);
  return found[skip]!;
}
const tapered = () => openWhere((s) => s.priceLevelStructure === 'tapered_deci_cent');
const cents = () => openWhere((s) => s.priceLevelStructure === 'linear_cent' && !s.fractional);
const fractional = () => openWhere((s) => s.fractional);
const marketReads = (ticker: string) => fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/markets/${ticker}`)).length;

async function refusedBeforeSending(order: Parameters<OrderDesk['place']>[0], guard: string): Promise<KalshiOrderGuardError> {
  const seen = orderWrites(fake).length;
  const error = await rejection(desk.place(order));
  expect(error).toBeInstanceOf(KalshiOrderGuardError);
  expect((error as KalshiOrderGuardError).guard).toBe(guard);
  expect(orderWrites(fake).length).toBe(seen);
  return error as KalshiOrderGuardError;
}

describe("the desk reads each market's rules from its data", () => {
  it('a tapered market: tenths of a cent at the tails, cents between', async () => {
    const { ticker } = tapered();
    const rules = await desk.marketRules(ticker);
    expect(rules.status).toBe('active');
    expect(rules.priceBands).toEqual([
      { start: '0.0000', end: '0.1000', step: '0.0010' },
      { start: '0.1000', end: '0.9000', step: '0.0100' },
      { start: '0.9000', end: '1.0000', step: '0.0010' },
    ]);
    const placed = await desk.place({ ticker, side: 'bid', price: '0.055', count: 1 });
    expect(fake.data.orders.find((o) => o.order_id === placed.orderId)?.yes_price_dollars).toBe('0.0550');
    const error = await refusedBeforeSending({ ticker, side: 'bid', price: '0.555', count: 1 }, 'price');
    expect(error.message).toContain('0.1000–0.9000 by 0.0100');
  });

  it('a cent market refuses the tenth of a cent the tapered one takes, before sending', async () => {
    await refusedBeforeSending({ ticker: cents().ticker, side: 'bid', price: '0.055', count: 1 }, 'price');
  });

  it('fractions of a contract where the market takes them, whole contracts elsewhere', async () => {
    const { ticker } = fractional();
    expect((await desk.marketRules(ticker)).countStep).toBe('0.01');
    const placed = await desk.place({ ticker, side: 'bid', price: '0.20', count: '1.5' });
    expect(placed.remaining).toBe('1.50');
    const error = await refusedBeforeSending({ ticker: cents().ticker, side: 'bid', price: '0.20', count: '1.5' }, 'count');
    expect(error.message).toMatch(/whole contracts/);
  });

  it('a market that is not open is refused before sending, naming its status', async () => {
    const nowS = fake.data.now / 1000;
    const closed = fake.data.markets.find((m) => m.close_ts <= nowS && nowS < m.settlement_ts)!;
    const error = await refusedBeforeSending({ ticker: closed.ticker, side: 'bid', price: '0.50', count: 1 }, 'marketStatus');
    expect(error.message).toContain(`${closed.ticker} is closed`);
  });

  it('an unknown ticker is refused before sending', async () => {
    const error = await refusedBeforeSending({ ticker: 'NO-SUCH-MARKET', side: 'bid', price: '0.50', count: 1 }, 'ticker');
    expect(error.message).toContain('NO-SUCH-MARKET');
  });
});

describe('the cache', () => {
  it('reads a market once for many orders, and again after a refusal from the server', async () => {
    const fresh = await deskOn(fake);
    const { ticker } = openWhere((s) => s.priceLevelStructure === 'linear_cent', 1);
    const before = marketReads(ticker);
    for (const price of ['0.11', '0.12', '0.13']) await fresh.place({ ticker, side: 'bid', price, count: 1 });
    expect(marketReads(ticker) - before).toBe(1);
    // A refusal of a write in the market may mean its grid changed: the next order reads it again.
    fake.queueResponses({ status: 400, body: { error: { code: 'invalid_price', message: 'price is not one of the market\'s price levels' } }, operation: 'createOrderV2' });
    expect(await rejection(fresh.place({ ticker, side: 'bid', price: '0.14', count: 1 }))).toBeInstanceOf(KalshiApiError);
    await fresh.place({ ticker, side: 'bid', price: '0.15', count: 1 });
    expect(marketReads(ticker) - before).toBe(2);
  });

  it('expires entries after ttlMs and keeps at most maxMarkets', async () => {
    let now = 0;
    const fresh = await deskOn(fake, { marketData: { ttlMs: 1_000, maxMarkets: 1, now: () => now } });
    const a = openWhere(() => true, 2).ticker;
    const b = openWhere(() => true, 3).ticker;
    const [readsA, readsB] = [marketReads(a), marketReads(b)];
    await fresh.marketRules(a);
    await fresh.marketRules(a);
    now = 999;
    await fresh.marketRules(a);
    expect(marketReads(a) - readsA).toBe(1);
    now = 1_000;
    await fresh.marketRules(a);
    expect(marketReads(a) - readsA).toBe(2);
    // One market fits: reading b pushes a out.
    await fresh.marketRules(b);
    await fresh.marketRules(a);
    expect([marketReads(a) - readsA, marketReads(b) - readsB]).toEqual([3, 1]);
  });

  it('settings that cannot work are a KalshiConfigError naming them', async () => {
    await expect(deskOn(fake, { marketData: { maxMarkets: 0 } })).rejects.toThrow(KalshiConfigError);
    await expect(deskOn(fake, { marketData: { ttlMs: Number.NaN } })).rejects.toThrow(/ttlMs/);
  });

  it('the marketRules option overrides the market data', async () => {
    const fresh = await deskOn(fake, { marketRules: () => ({ priceBands: [{ start: '0.40', end: '0.60', step: '0.05' }], countStep: '1.00' }) });
    const ticker = cents().ticker;
    const before = marketReads(ticker);
    await expect(fresh.place({ ticker, side: 'bid', price: '0.30', count: 1 }, { dryRun: true })).rejects.toThrow(/0.40–0.60 by 0.05/);
    expect((await fresh.place({ ticker, side: 'bid', price: '0.45', count: 1 }, { dryRun: true })).dryRun).toBe(true);
    expect(marketReads(ticker)).toBe(before);
  });
});

describe("the fake's matching engine refuses what does not fit, as Kalshi does", () => {
  const code = async (promise: Promise<unknown>) => {
    const error = (await rejection(promise)) as KalshiApiError;
    return { status: error.status, code: error.code };
  };
  it('off-grid prices and counts sent past the rails get 400', async () => {
    const create = (ticker: string, price: string, count: string) =>
      desk.client.createOrderV2({ ticker, side: 'bid', price, count, time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: crypto.randomUUID() });
    expect(await code(create(tapered().ticker, '0.5550', '1.00'))).toEqual({ status: 400, code: 'invalid_price' });
    expect(await code(create(cents().ticker, '0.0550', '1.00'))).toEqual({ status: 400, code: 'invalid_price' });
    expect(await code(create(cents().ticker, '0.2000', '1.50'))).toEqual({ status: 400, code: 'invalid_order_size' });
    expect((await create(tapered().ticker, '0.9550', '1.00')).order_id).toEqual(expect.any(String));
  });
});

describe('rules from market data', () => {
  it('price_ranges first, else the named grid, else the cent grid (which every known grid contains)', () => {
    expect(rulesFromMarket({ price_level_structure: 'deci_cent', fractional_trading_enabled: true, status: 'active' })).toEqual({
      priceBands: [{ start: '0.000', end: '1.000', step: '0.001' }], countStep: '0.01', status: 'active',
    });
    expect(rulesFromMarket({ price_level_structure: 'something_new', price_ranges: [] }).priceBands).toEqual([{ start: '0.00', end: '1.00', step: '0.01' }]);
    expect(rulesFromMarket({}).countStep).toBe('1.00');
  });
});
