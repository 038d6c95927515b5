/** The `rateLimit` option's token bucket: a request it cannot pay for is refused (429, see handler.ts). */

import type { FakeRateLimitOptions } from './options.js';

export interface TokenBucket {
  /** Takes one request's tokens; false when the bucket holds too few. */
  take(nowMs: number): boolean;
}

/** Starts full, refills continuously up to capacity; a refused request takes nothing. */
export function createTokenBucket(options: FakeRateLimitOptions, startMs: number): TokenBucket {
  const cost = options.costPerRequest ?? 10;
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
