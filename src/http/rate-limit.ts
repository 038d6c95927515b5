import { KalshiConfigError, describeValue } from '../errors.js';
import { delay } from './delay.js';
import { refuseUnknownOptions } from './option-names.js';
import { RATE_LIMIT_TIERS, type RateLimitTier } from './rate-limit-tiers.js';
import type { Outgoing } from './transport/types.js';

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

/**
 * The `rateLimit` option: `'auto'` (sized from the account's own limits, `GET /account/limits`),
 * a tier name, or explicit settings.
 */
export type RateLimitOption = 'auto' | RateLimitTier | RateLimitSettings;

/** The account's buckets as `GET /account/limits` reports them, in tokens. */
export interface AccountLimits {
  read: { refill_rate: number; bucket_capacity: number };
  write: { refill_rate: number; bucket_capacity: number };
}

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
  /** `operationId` is the spec's operation the request is for, undefined outside the spec. */
  acquire(request: Outgoing, operationId: string | undefined): Promise<void>;
  /** Told every attempt's status, so `'auto'` can notice that the account's budget changed. */
  observe?(status: number): void;
}

/**
 * Holds each request (every attempt, retries included) until the client's own token bucket
 * allows it, so a client that stays within its budget never meets a 429. `now` is the clock the
 * buckets refill by (milliseconds, monotonic); tests may pass their own.
 */
export function createRateLimiter(option: Exclude<RateLimitOption, 'auto'>, now: () => number = () => performance.now()): RateLimiter {
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

/** A burst of 429s this large within this window means the budget the buckets were sized from is stale. */
const STORM = { count: 5, windowMs: 10_000, minReloadGapMs: 30_000 };

/**
 * `rateLimit: 'auto'`: asks the account for its limits once, lazily, before the first request
 * that needs pacing, and sizes the buckets from the answer (half the server's bucket, as for the
 * named tiers). A storm of 429s (5 within 10 s) suggests the tier changed, so the limits are read
 * again (then at most every 30 s). The limits request itself is not held (it is what the buckets wait for); if it
 * fails, the published basic tier stands in until the next storm.
 */
export function createAutoRateLimiter(
  readLimits: () => Promise<AccountLimits>,
  /** The operation `readLimits` calls: its requests are never held. */
  limitsOperationId: string,
  now: () => number = () => performance.now(),
): RateLimiter {
  let current: RateLimiter | undefined;
  let loading: Promise<void> | undefined;
  let reloadedAt = -Infinity;
  let storm: number[] = [];
  const load = () =>
    (loading ??= readLimits()
      .then(
        (limits) => {
          current = createRateLimiter(settingsFrom(limits), now);
        },
        () => {
          current ??= createRateLimiter('basic', now);
        },
      )
      .finally(() => {
        loading = undefined;
      }));
  return {
    async acquire(request, operationId) {
      if (operationId === limitsOperationId) return;
      if (!current) await load();
      await current!.acquire(request, operationId);
    },
    observe(status) {
      if (status !== 429) return;
      const t = now();
      storm = [...storm.filter((at) => t - at < STORM.windowMs), t];
      if (storm.length >= STORM.count && t - reloadedAt >= STORM.minReloadGapMs) {
        storm = [];
        reloadedAt = t;
        void load();
      }
    },
  };
}

function settingsFrom(limits: AccountLimits): RateLimitSettings {
  const rate = (bucket: { refill_rate: number }) => bucket.refill_rate;
  for (const [name, bucket] of Object.entries({ read: limits.read, write: limits.write })) {
    if (!(bucket?.refill_rate > 0) || !(bucket.bucket_capacity > 0)) throw new Error(`the account's ${name} limit is not usable`);
  }
  // Half of the smaller bucket, in seconds of budget: the rest stays in reserve on the server's side.
  const burstSeconds = Math.min(limits.read.bucket_capacity / rate(limits.read), limits.write.bucket_capacity / rate(limits.write)) / 2;
  return { read: rate(limits.read), write: rate(limits.write), burstSeconds };
}

function resolveRateLimit(option: Exclude<RateLimitOption, 'auto'>): Required<RateLimitSettings> {
  if (typeof option === 'string') {
    const tier = RATE_LIMIT_TIERS[option as RateLimitTier];
    if (!Object.hasOwn(RATE_LIMIT_TIERS, option)) {
      throw new KalshiConfigError(
        `rateLimit tier ${describeValue(option)} is not known; use "auto", ${Object.keys(RATE_LIMIT_TIERS).map((t) => `"${t}"`).join(', ')} or { read, write } in tokens per second`,
      );
    }
    return { ...tier, ...DEFAULTS };
  }
  if (typeof option !== 'object' || option === null) {
    throw new KalshiConfigError(`rateLimit must be a tier name or { read, write } in tokens per second, got ${typeof option}`);
  }
  refuseUnknownOptions('rateLimit', option, ['read', 'write', 'costPerRequest', 'burstSeconds']);
  const settings = { ...DEFAULTS, ...option };
  for (const key of ['read', 'write', 'costPerRequest', 'burstSeconds'] as const) {
    const value = settings[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new KalshiConfigError(`rateLimit.${key} must be a positive number, got ${describeValue(value)}`);
    }
  }
  return settings;
}
