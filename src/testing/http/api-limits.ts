/**
 * GET /account/limits from the `rateLimit` option: the fake's own Read and Write buckets, in
 * Kalshi's units (tokens per second and tokens held, 10 tokens per request), so a client that
 * sizes its buckets from the answer stays within what the fake lets through.
 */

import type { BucketLimit, GetAccountApiLimitsResponse } from '../data/wire-types.js';
import type { FakeBucketOptions } from './options.js';
import type { ResolvedRateLimit } from './resolve-options.js';

/** What one request costs at Kalshi, the unit of the answer. */
const KALSHI_COST_PER_REQUEST = 10;

/** Kalshi's basic tier: what the fake reports when it enforces no limit. */
const BASIC: Pick<GetAccountApiLimitsResponse, 'read' | 'write'> = {
  read: { refill_rate: 200, bucket_capacity: 200 },
  write: { refill_rate: 100, bucket_capacity: 100 },
};

/** `tokens` of the fake's (at `cost` per request) in Kalshi's tokens, rounded down to a thousandth. */
function kalshiTokens(tokens: number, cost: number): number {
  return Math.floor((tokens * KALSHI_COST_PER_REQUEST * 1000) / cost + 1e-6) / 1000;
}

function bucketLimit(bucket: FakeBucketOptions, cost: number): BucketLimit {
  return { refill_rate: kalshiTokens(bucket.tokensPerSecond, cost), bucket_capacity: kalshiTokens(bucket.capacity, cost) };
}

/**
 * The answer for the resolved `rateLimit` option. Without one (or with requests that cost
 * nothing) the fake refuses nothing and reports Kalshi's basic tier.
 */
export function accountApiLimits(rateLimit: ResolvedRateLimit | undefined): GetAccountApiLimitsResponse {
  const usage_tier = rateLimit?.usageTier ?? 'basic';
  const grants = (rateLimit?.grants ?? []).map((g) => ({ ...g }));
  if (rateLimit === undefined || rateLimit.costPerRequest === 0) return { usage_tier, ...structuredClone(BASIC), grants };
  return {
    usage_tier,
    read: bucketLimit(rateLimit.read, rateLimit.costPerRequest),
    write: bucketLimit(rateLimit.write, rateLimit.costPerRequest),
    grants,
  };
}
