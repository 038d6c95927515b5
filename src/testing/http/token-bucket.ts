/** The `rateLimit` option's token buckets: a request its bucket cannot pay for is refused (429, see handler.ts). */

import type { FakeBucketOptions } from './options.js';
import type { ResolvedRateLimit } from './resolve-options.js';

export interface TokenBucket {
  /** Takes one request's tokens; false when the bucket holds too few. */
  take(nowMs: number): boolean;
}

/** Reads (GET) draw from `read`, every other method from `write`, as at Kalshi. */
export interface TokenBuckets {
  read: TokenBucket;
  write: TokenBucket;
}

/** Starts full, refills continuously up to capacity; a refused request takes nothing. */
function createTokenBucket(options: FakeBucketOptions, cost: number, startMs: number): TokenBucket {
  let tokens = options.capacity;
  let last = startMs;
  return {
    take(nowMs) {
      tokens = Math.min(options.capacity, tokens + ((nowMs - last) / 1000) * options.tokensPerSecond);
      last = nowMs;
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
  };
}

export function createTokenBuckets(options: ResolvedRateLimit, startMs: number): TokenBuckets {
  return {
    read: createTokenBucket(options.read, options.costPerRequest, startMs),
    write: createTokenBucket(options.write, options.costPerRequest, startMs),
  };
}
