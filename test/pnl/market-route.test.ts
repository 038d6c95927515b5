/** GET /markets/{ticker} on the fake: unsigned public data the P&L marks open lots with. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiApiError, createKalshiClient, parseDollars } from '../../src/index.js';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 3, fills: 200 });
});
afterAll(() => fake.close());

describe('getMarket', () => {
  it('answers a known market with its status, result and prices, and 404 for an unknown one', async () => {
    const client = await createKalshiClient({ baseUrl: fake.baseUrl, keyId: fake.keyId, privateKey: fake.privateKeyPem });
    const settled = fake.data.markets.find((m) => m.settlement_ts * 1000 < fake.data.now)!;
    const answer = await client.getMarket({ ticker: settled.ticker });
    expect(answer.market).toMatchObject({ ticker: settled.ticker, event_ticker: settled.event_ticker, status: 'finalized', result: settled.result });
    const traded = fake.data.fills[0]!;
    const market = (await client.getMarket({ ticker: traded.ticker })).market;
    expect(parseDollars(market.last_price_dollars)).toBe(parseDollars(traded.yes_price_dollars));
    await expect(client.getMarket({ ticker: 'NO-SUCH-MARKET' })).rejects.toMatchObject({ status: 404 });
    await expect(client.getMarket({ ticker: 'NO-SUCH-MARKET' })).rejects.toBeInstanceOf(KalshiApiError);
  });
});
