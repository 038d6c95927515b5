/**
 * Injected trouble: seeded per-request faults and a token-bucket rate limit.
 */

import type { FaultOptions, RateLimitOptions } from './types.js';
import { subRng } from './prng.js';

export type Fault =
  | { kind: 'none' }
  | { kind: 'tooManyRequests' }
  | { kind: 'serverError'; status: 500 | 502 | 503; body: 'json' | 'html' | 'empty' }
  | { kind: 'connectionReset' };

export interface FaultPlan {
  /** The fault for the next request; call once per authenticated request, in arrival order. */
  next(): Fault;
}

const STATUSES = [500, 502, 503] as const;
const BODIES = ['json', 'html', 'empty'] as const;

/**
 * One draw from a seeded PRNG per request picks the fault by cumulative
 * shares (too many requests, then server errors, then resets). Server errors
 * rotate through all nine (status, body) pairs: the k-th one has status
 * STATUSES[k % 3] and body BODIES[floor(k / 3) % 3].
 */
export function createFaultPlan(seed: number, faults: FaultOptions): FaultPlan {
  const rng = subRng(seed, 'faults');
  const tooMany = faults.tooManyRequests ?? 0;
  const server = tooMany + (faults.serverErrors ?? 0);
  const reset = server + (faults.connectionResets ?? 0);
  let serverErrorCount = 0;
  return {
    next() {
      const r = rng();
      if (r < tooMany) return { kind: 'tooManyRequests' };
      if (r < server) {
        const k = serverErrorCount++;
        return { kind: 'serverError', status: STATUSES[k % 3]!, body: BODIES[Math.floor(k / 3) % 3]! };
      }
      if (r < reset) return { kind: 'connectionReset' };
      return { kind: 'none' };
    },
  };
}

export interface TokenBucket {
  /** Takes one request's tokens; false when the bucket holds too few. */
  take(nowMs: number): boolean;
}

/** Starts full, refills continuously up to capacity; a refused request takes nothing. */
export function createTokenBucket(options: RateLimitOptions, startMs: number): TokenBucket {
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
