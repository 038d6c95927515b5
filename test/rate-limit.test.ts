import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../src/http/retry.js';
import { createKalshiClient, KalshiConfigError } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { createRateLimiter, type RateLimitSettings } from '../src/http/rate-limit.js';
import { createTokenBuckets } from '../src/testing/http/token-bucket.js';

let fake: FakeKalshi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const budget = { tokensPerSecond: 2_000, capacity: 2_000 };

/**
 * When each of `requests` concurrent GETs leaves the client's limiter, on a virtual clock: the
 * limiter's buckets and its waits both run on Vitest's fake timers, so the schedule is the
 * limiter's alone, whatever the machine's load. (test/rate-limit.slow.test.ts runs the same burst
 * over loopback against the fake in another process.)
 */
async function departures(rateLimit: RateLimitSettings | undefined, requests: number): Promise<number[]> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    const start = Date.now();
    const limiter = rateLimit ? createRateLimiter(rateLimit, () => Date.now()) : undefined;
    const request = { method: 'GET', url: 'http://127.0.0.1/trade-api/v2/portfolio/balance', headers: {}, body: undefined, signal: undefined };
    const times: number[] = [];
    const all = Promise.all(Array.from({ length: requests }, async () => {
      await limiter?.acquire(request, 'getBalance');
      times.push(Date.now() - start);
    }));
    await vi.runAllTimersAsync();
    await all;
    return times;
  } finally {
    vi.useRealTimers();
  }
}

/** How many of the requests, arriving at `times` (ms), the fake's token buckets (Kalshi's rule) refuse. */
function refusedByServer(times: number[], serverBudget: typeof budget): number {
  const buckets = createTokenBuckets({ read: serverBudget, write: serverBudget, costPerRequest: 10, usageTier: 'basic', grants: [] }, 0);
  return times.filter((t) => !buckets.read.take(t)).length;
}

describe('client-side rate limiting, on a virtual clock', () => {
  it("1,000 concurrent reads at the server's own budget leave at a pace its buckets never refuse", async () => {
    const times = await departures({ read: budget.tokensPerSecond, write: budget.tokensPerSecond }, 1_000);
    expect(times).toHaveLength(1_000);
    expect(refusedByServer(times, budget)).toBe(0);
    // Half a second of budget (100 requests) at once, the rest at 200 a second: 4.5 s in all, not more.
    expect(times.filter((t) => t === 0)).toHaveLength(100);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(4_490);
    expect(Math.max(...times)).toBeLessThanOrEqual(4_510);
  });

  it('without it, the same burst arrives at once and is refused in part (so the test above can fail)', async () => {
    const times = await departures(undefined, 1_000);
    expect(refusedByServer(times, budget)).toBe(800);
  });
});

describe('client-side rate limiting', () => {
  it("'auto' asks for the limits once, lazily, before the first paced request", async () => {
    fake = await startFakeKalshi({ seed: 4, fills: 10 });
    const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, rateLimit: 'auto' });
    expect(fake.requests).toHaveLength(0); // nothing at creation
    await Promise.all(Array.from({ length: 5 }, () => client.getBalance()));
    const paths = fake.requests.map((r) => r.path.replace('/trade-api/v2', ''));
    expect(paths[0]).toBe('/account/limits');
    expect(paths.filter((p) => p === '/account/limits')).toHaveLength(1);
    expect(paths.filter((p) => p === '/portfolio/balance')).toHaveLength(5);
  });

  it("'auto' reads the limits again after a storm of 429s (the tier may have changed)", async () => {
    fake = await startFakeKalshi({ seed: 4, fills: 10 });
    const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, rateLimit: 'auto', retry: false });
    await client.getBalance();
    fake.queueResponses(...Array.from({ length: 5 }, () => ({ status: 429, body: { error: 'too many requests' } })));
    await Promise.allSettled(Array.from({ length: 5 }, () => client.getBalance()));
    // The re-read runs beside the calls that follow it; give it a moment to reach the server.
    const limitsReads = () => fake!.requests.filter((r) => r.path.endsWith('/account/limits')).length;
    for (let waited = 0; limitsReads() < 2 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await client.getBalance();
    expect(limitsReads()).toBe(2);
  });

  it('paces requests: 60 reads at the basic tier take the budget\'s time', async () => {
    // 200 tokens/s, 10 per request: 10 requests fit the half-second bucket, the other 50 come at 20 per second.
    fake = await startFakeKalshi({ seed: 4, fills: 10 });
    const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, rateLimit: 'basic' });
    const started = Date.now();
    await Promise.all(Array.from({ length: 60 }, () => client.getBalance()));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2_400);
    const arrivals = fake.requests.map((r) => r.receivedAt);
    const lastSecond = arrivals.filter((t) => t > arrivals.at(-1)! - 1_000).length;
    expect(lastSecond).toBeLessThanOrEqual(21);
  });

  it('a caller abort while queued frees the slot and rejects at once', async () => {
    fake = await startFakeKalshi({ seed: 4, fills: 10 });
    const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, rateLimit: { read: 10, write: 10 } });
    await client.getBalance(); // spends the whole one-request bucket
    const controller = new AbortController();
    const queued = client.getBalance(undefined, { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['an unknown tier', 'platinum', /tier "platinum" is not known/],
    ['a zero budget', { read: 0, write: 10 }, /rateLimit.read must be a positive number/],
    ['a negative burst', { read: 10, write: 10, burstSeconds: -1 }, /rateLimit.burstSeconds must be a positive number/],
  ])('rejects %s', async (_label, rateLimit, message) => {
    fake = await startFakeKalshi({ seed: 4, fills: 1 });
    const error = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, rateLimit: rateLimit as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('a rate so small that one wait outlasts a timer', () => {
  it('is waited out in full, not fired at once (a timer past 2^31 - 1 ms would fire after 1 ms)', async () => {
    vi.useFakeTimers();
    try {
      // A token every ~116 days: the second request must wait about 1,157 days.
      const limiter = createRateLimiter({ read: 1e-7, write: 1e-7 }, () => Date.now());
      const request = { method: 'GET', url: 'https://kalshi.test/x', headers: {}, body: undefined, signal: undefined };
      await limiter.acquire(request, 'getBalance');
      let sent = false;
      const second = limiter.acquire(request, 'getBalance').then(() => {
        sent = true;
      });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(sent).toBe(false);
      await vi.advanceTimersByTimeAsync(MAX_TIMER_MS * 40);
      expect(sent).toBe(false);
      await vi.advanceTimersByTimeAsync(10 / 1e-7 * 1000);
      await second;
      expect(sent).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('still stops at once when the caller aborts', async () => {
    const limiter = createRateLimiter({ read: 1e-7, write: 1e-7 });
    const controller = new AbortController();
    const request = { method: 'GET', url: 'https://kalshi.test/x', headers: {}, body: undefined, signal: controller.signal };
    await limiter.acquire(request, 'getBalance');
    const waiting = limiter.acquire(request, 'getBalance');
    controller.abort(new Error('enough'));
    await expect(waiting).rejects.toThrow('enough');
  });
});
