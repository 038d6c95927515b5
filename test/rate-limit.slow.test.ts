/**
 * The rate limiter end to end, over loopback: bursts of signed requests against the fake in
 * another process, whose token buckets refuse what Kalshi's would. Real time, so it runs in the
 * extended run (npm run test:all, CI) only; test/rate-limit.test.ts checks the same schedule on a
 * virtual clock in the default run.
 */
import { describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiRateLimitError, type RateLimitOption } from '../src/index.js';
import { startFakeProcess } from './support/fake-process.js';

const budget = { tokensPerSecond: 2_000, capacity: 2_000 };

/**
 * The server runs in its own process, as Kalshi does: sharing one event loop with 1,000 signing
 * requests would delay it by a second and bunch arrivals far beyond any real network's jitter.
 * Retries are off, so every 429 the server sends surfaces as a rejection.
 */
async function burst(rateLimit: RateLimitOption | undefined, requests = 1_000, serverBudget: object = budget) {
  const server = await startFakeProcess({ seed: 4, fills: 10, rateLimit: serverBudget as typeof budget });
  try {
    const client = await createKalshiClient({ keyId: server.keyId, privateKey: server.privateKeyPem, baseUrl: server.baseUrl, retry: false, rateLimit });
    const results = await Promise.allSettled(Array.from({ length: requests }, () => client.getBalance()));
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    return {
      fulfilled: results.length - rejected.length,
      rejected,
      served429: rejected.filter((e) => e instanceof KalshiRateLimitError).length,
    };
  } finally {
    await server.close();
  }
}

describe('client-side rate limiting, end to end', () => {
  it('1,000 concurrent getBalance() calls at the server\'s own budget meet no 429', async () => {
    const outcome = await burst({ read: budget.tokensPerSecond, write: budget.tokensPerSecond });
    expect(outcome.served429).toBe(0);
    expect(outcome.rejected.map((e) => e.message)).toEqual([]);
    expect(outcome.fulfilled).toBe(1_000);
  });

  it('without it, the same burst is refused in part (so the test above can fail)', async () => {
    const outcome = await burst(undefined);
    expect(outcome.served429).toBeGreaterThan(0);
  });

  // A budget no named tier matches, so only numbers read from the account can fit it.
  const unusual = { tokensPerSecond: 700, capacity: 700 };

  it("rateLimit: 'auto' sizes the buckets from GET /account/limits: 500 concurrent calls meet no 429", async () => {
    const outcome = await burst('auto', 500, unusual);
    expect(outcome.served429).toBe(0);
    expect(outcome.rejected.map((e) => e.message)).toEqual([]);
  });

  it('without a limiter, the same 500-call burst is refused in part (so the test above can fail)', async () => {
    const outcome = await burst(undefined, 500, unusual);
    expect(outcome.served429).toBeGreaterThan(0);
  });
});
