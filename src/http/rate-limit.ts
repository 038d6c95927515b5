import { KalshiConfigError } from '../errors.js';
import { delay } from './delay.js';
import { RATE_LIMIT_TIERS, type RateLimitTier } from './rate-limit-tiers.js';

/** A token-bucket budget for the `rateLimit` option, in Kalshi's units (tokens per second, 10 per request). */
export interface RateLimitSettings {
  /** Read budget (GET requests), tokens per second. */
  read: number;
  /** Write budget (every other method), tokens per second. */
  write: number;
  /** Tokens one request costs. Default 10, as at Kalshi. */
  costPerRequest?: number;
  /**
   * The client's bucket size, in seconds of budget. Default 0.5: half of what Kalshi's bucket holds
   * (one to two seconds), so the rest stays in reserve on the server's side and absorbs requests
   * that arrive bunched (a burst still being signed, network jitter) instead of meeting a 429.
   */
  burstSeconds?: number;
}

/** The `rateLimit` option: a tier name or explicit settings. */
export type RateLimitOption = RateLimitTier | RateLimitSettings;

interface Bucket {
  /** Takes `cost` tokens, going into debt if need be; returns how long to wait before sending. */
  reserve(cost: number): number;
  refund(cost: number): void;
}

function tokenBucket(tokensPerSecond: number, capacity: number, now: () => number): Bucket {
  let tokens = capacity;
  let last = now();
  return {
    reserve(cost) {
      const t = now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * tokensPerSecond);
      last = t;
      tokens -= cost;
      // Debt is paid back by refill in arrival order, so waiting callers are served first come, first served.
      return tokens >= 0 ? 0 : (-tokens / tokensPerSecond) * 1000;
    },
    refund(cost) {
      tokens = Math.min(capacity, tokens + cost);
    },
  };
}

/** Paces requests; `acquire` resolves when the request may go (or rejects when its signal aborts). */
export interface RateLimiter {
  acquire(request: Request): Promise<void>;
}

/**
 * Holds each request (every attempt, retries included) until the client's own token bucket
 * allows it, so a client that stays within its budget never meets a 429. `now` is the clock the
 * buckets refill by (milliseconds, monotonic); tests may pass their own.
 */
export function createRateLimiter(option: RateLimitOption, now: () => number = () => performance.now()): RateLimiter {
  const settings = resolveRateLimit(option);
  const cost = settings.costPerRequest;
  const bucketFor = (tokensPerSecond: number) => tokenBucket(tokensPerSecond, Math.max(cost, tokensPerSecond * settings.burstSeconds), now);
  const read = bucketFor(settings.read);
  const write = bucketFor(settings.write);
  return {
    async acquire(request) {
      const bucket = request.method === 'GET' || request.method === 'HEAD' ? read : write;
      const waitMs = bucket.reserve(cost);
      if (waitMs <= 0) return;
      try {
        await delay(waitMs, request.signal);
      } catch (reason) {
        bucket.refund(cost);
        throw reason;
      }
    },
  };
}

const DEFAULTS = { costPerRequest: 10, burstSeconds: 0.5 };

function resolveRateLimit(option: RateLimitOption): Required<RateLimitSettings> {
  if (typeof option === 'string') {
    const tier = RATE_LIMIT_TIERS[option as RateLimitTier];
    if (!Object.hasOwn(RATE_LIMIT_TIERS, option)) {
      throw new KalshiConfigError(
        `rateLimit tier ${JSON.stringify(option)} is not known; use ${Object.keys(RATE_LIMIT_TIERS).map((t) => `"${t}"`).join(', ')} or { read, write } in tokens per second`,
      );
    }
    return { ...tier, ...DEFAULTS };
  }
  if (typeof option !== 'object' || option === null) {
    throw new KalshiConfigError(`rateLimit must be a tier name or { read, write } in tokens per second, got ${typeof option}`);
  }
  const settings = { ...DEFAULTS, ...option };
  for (const key of ['read', 'write', 'costPerRequest', 'burstSeconds'] as const) {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new KalshiConfigError(`rateLimit.${key} must be a positive number, got ${String(value)}`);
    }
  }
  return settings;
}
