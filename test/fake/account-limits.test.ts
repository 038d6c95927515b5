/**
 * GET /account/limits answers the fake's own Read and Write buckets in Kalshi's units, so a client
 * sized from it meets no 429; GET /exchange/user_data_timestamp is public and follows the data's
 * clock; and the parameters Kalshi's API 3.31 added to the historical and allocation operations.
 */
import { describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiRateLimitError } from '../../src/index.js';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { RFC3339, allPages, getJson, sendJson, urlOf, withFake } from '../support/fake-http.js';

/** RFC 3339 text -> epoch microseconds (test-side parser). */
function epochUs(text: string): number {
  const [whole, fraction = ''] = text.replace('Z', '').split('.');
  return Date.parse(`${whole}Z`) * 1000 + Number(fraction.padEnd(6, '0'));
}

async function statuses(fake: FakeKalshi, n: number, relative: string, method = 'GET'): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    const answer = method === 'GET' ? await getJson(fake, relative) : await sendJson(fake, relative, { method, body: {} });
    seen.push(answer.status);
  }
  return seen;
}

describe('GET /account/limits', () => {
  it('reports the rateLimit option: Read and Write buckets, tier and grants', async () => {
    const grants = [
      { exchange_instance: 'event_contract' as const, level: 'advanced', expires_ts: 1_798_761_600, source: 'volume' },
      { exchange_instance: 'margined' as const, level: 'advanced', source: 'manual' },
    ];
    await withFake({ rateLimit: { tokensPerSecond: 400, capacity: 800, write: { tokensPerSecond: 200, capacity: 300 }, usageTier: 'advanced', grants } }, async (fake) => {
      const { status, body } = await getJson(fake, '/account/limits');
      expect(status).toBe(200);
      expect(body).toEqual({
        usage_tier: 'advanced',
        read: { refill_rate: 400, bucket_capacity: 800 },
        write: { refill_rate: 200, bucket_capacity: 300 },
        grants: [grants[0], { ...grants[1], expires_ts: null }],
      });
    });
  });

  it('the Write bucket defaults to the Read one\'s settings; tokens are in Kalshi\'s units (10 per request)', async () => {
    await withFake({ rateLimit: { tokensPerSecond: 50, capacity: 150 } }, async (fake) => {
      expect((await getJson(fake, '/account/limits')).body).toEqual({
        usage_tier: 'basic', read: { refill_rate: 50, bucket_capacity: 150 }, write: { refill_rate: 50, bucket_capacity: 150 }, grants: [],
      });
    });
    // 5 tokens a request: 100 tokens per second is 20 requests per second, 200 of Kalshi's tokens.
    await withFake({ rateLimit: { tokensPerSecond: 100, capacity: 50, costPerRequest: 5 } }, async (fake) => {
      const { body } = await getJson(fake, '/account/limits');
      expect(body.read).toEqual({ refill_rate: 200, bucket_capacity: 100 });
      expect(body.write).toEqual({ refill_rate: 200, bucket_capacity: 100 });
    });
  });

  it('without a rateLimit the fake reports Kalshi\'s basic tier (and refuses nothing)', async () => {
    await withFake({}, async (fake) => {
      expect((await getJson(fake, '/account/limits')).body).toEqual({
        usage_tier: 'basic', read: { refill_rate: 200, bucket_capacity: 200 }, write: { refill_rate: 100, bucket_capacity: 100 }, grants: [],
      });
      expect(await statuses(fake, 25, '/portfolio/balance')).toEqual(Array(25).fill(200));
    });
  });

  it('reads and writes draw from their own buckets, as the answer says', async () => {
    await withFake({ rateLimit: { tokensPerSecond: 0, capacity: 20, write: { tokensPerSecond: 0, capacity: 10 } } }, async (fake) => {
      expect(await statuses(fake, 2, '/account/limits')).toEqual([200, 200]);
      expect(await statuses(fake, 1, '/portfolio/balance')).toEqual([429]);
      // The Read bucket is empty; the Write bucket still holds one request.
      expect(await statuses(fake, 2, '/portfolio/subaccounts', 'POST')).toEqual([201, 429]);
      expect(fake.requests.filter((r) => r.status === 429).map((r) => r.outcome)).toEqual(['rate_limited', 'rate_limited']);
    });
  });

  it('a client that sizes its buckets from the answer meets no 429; one that does not, does', async () => {
    await withFake({ seed: 4, fills: 10, rateLimit: { tokensPerSecond: 300, capacity: 300 } }, async (fake) => {
      const { body: limits } = await getJson(fake, '/account/limits');
      const sized = await createKalshiClient({
        keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: false,
        rateLimit: { read: limits.read.refill_rate, write: limits.write.refill_rate },
      });
      const paced = await Promise.allSettled(Array.from({ length: 45 }, () => sized.getBalance()));
      expect(paced.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

      const unsized = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: false });
      // 150 at once: the bucket holds 30 and refills 30 a second, so only a machine too loaded to
      // send them within 4 s could see no 429 (a burst of 45 once met none on a loaded machine).
      const burst = await Promise.allSettled(Array.from({ length: 150 }, () => unsized.getBalance()));
      const refused = burst.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused) expect(error).toBeInstanceOf(KalshiRateLimitError);
    });
  });

  it('refuses a bad rateLimit option at start', async () => {
    await expect(startFakeKalshi({ rateLimit: { tokensPerSecond: 10, capacity: 10, write: { tokensPerSecond: -1, capacity: 10 } } })).rejects.toThrow(/rateLimit.write needs/);
    await expect(startFakeKalshi({ rateLimit: { tokensPerSecond: 10, capacity: 10, usageTier: '' } })).rejects.toThrow(/usageTier/);
    await expect(startFakeKalshi({ rateLimit: { tokensPerSecond: 10, capacity: 10, grants: [{ exchange_instance: 'moon' as never, level: 'x', source: 'y' }] } }))
      .rejects.toThrow(/grants\[0\]: exchange_instance/);
  });
});

describe('GET /exchange/user_data_timestamp', () => {
  it('answers without any signature, and with a bad one, the data clock: from the data\'s "now" on, after every trade', async () => {
    await withFake({ seed: 11 }, async (fake) => {
      const res = await fetch(urlOf(fake, '/exchange/user_data_timestamp'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const first = await res.json();
      expect(Object.keys(first)).toEqual(['as_of_time']);
      expect(first.as_of_time).toMatch(RFC3339);
      expect(epochUs(first.as_of_time)).toBeGreaterThanOrEqual(fake.data.now * 1000);
      expect(fake.requests.at(-1)).toMatchObject({ status: 200, outcome: 'ok', signature: undefined });

      const bad = await getJson(fake, '/exchange/user_data_timestamp', { keyId: '00000000-0000-4000-8000-000000000000' });
      expect(bad.status).toBe(200);

      const nowS = fake.data.now / 1000;
      const market = fake.data.markets.find((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600)!;
      const fill = await fake.trade({ ticker: market.ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '1.00', price_dollars: '0.5000' });
      const after = (await getJson(fake, '/exchange/user_data_timestamp')).body.as_of_time;
      expect(epochUs(after)).toBeGreaterThanOrEqual(epochUs(fill.created_time));
      expect(epochUs(after)).toBeGreaterThan(epochUs(first.as_of_time));
    });
  });
});

describe("the API's 3.31 parameters", () => {
  it('GET /historical/fills takes subaccount (omitted = all) and min_ts', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const hist = fake.data.historicalFills;
      expect(new Set(hist.map((f) => f.subaccount_number)).size).toBeGreaterThan(1);
      const pages = await allPages(fake, '/historical/fills?subaccount=1&limit=9');
      expect(pages.flatMap((p) => p.fills)).toEqual(hist.filter((f) => f.subaccount_number === 1));
      const minTs = hist[20]!.ts;
      expect((await getJson(fake, `/historical/fills?min_ts=${minTs}&limit=1000`)).body.fills).toEqual(hist.filter((f) => f.ts >= minTs));
      expect((await getJson(fake, '/historical/fills?limit=1000')).body.fills).toEqual(hist);
      expect((await getJson(fake, '/historical/fills?subaccount=64')).status).toBe(400);
    });
  });

  it('GET /historical/positions takes subaccount (omitted = the primary account)', async () => {
    await withFake({ seed: 5, marketPositions: 120 }, async (fake) => {
      const of = (sub: number) => fake.data.historicalMarketPositions.filter((e) => e.subaccount === sub).map((e) => e.position);
      expect(of(0).length).toBeGreaterThan(0);
      expect((await getJson(fake, '/historical/positions?limit=1000')).body.market_positions).toEqual(of(0));
      const other = [1, 2, 3].find((sub) => of(sub).length > 0)!;
      expect((await getJson(fake, `/historical/positions?subaccount=${other}&limit=1000`)).body.market_positions).toEqual(of(other));
    });
  });

  it('the target balance allocation takes resting_margin_reservation none', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const set = await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [{ exchange_index: 0, percent: 100 }], resting_margin_reservation: 'none' } });
      expect(set.status).toBe(200);
      expect((await getJson(fake, '/portfolio/target_balance_allocation')).body.resting_margin_reservation).toBe('none');
      const bad = await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [], resting_margin_reservation: 'all' } });
      expect(bad.status).toBe(400);
    });
  });
});
