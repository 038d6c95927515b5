import { KalshiConfigError, KalshiNetworkError, describeValue } from '../errors.js';
import { isCallerAbort } from './failure.js';
import { refuseUnknownOptions } from './option-names.js';
import type { Answer } from './transport/types.js';

/** How safe requests are retried (the `retry` option). Every setting has a default. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number;
  /** The first backoff ceiling; each retry doubles it (full jitter: the wait is uniform in [0, ceiling]). Default 250 ms. */
  baseDelayMs?: number;
  /** The largest backoff ceiling. Default 8,000 ms. */
  maxDelayMs?: number;
  /** No retry starts once this long has passed since the first attempt. Default 60,000 ms. */
  maxElapsedMs?: number;
  /** HTTP statuses worth another try. Default 429, 500, 502, 503, 504. */
  statuses?: readonly number[];
  /**
   * Called before each retry's wait, once per failed attempt that will be tried again; for logs and
   * metrics. Not called for the attempt that ends the call.
   */
  onRetry?: (event: RetryEvent) => void;
}

/** What `RetryOptions.onRetry` is told before each retry's wait. */
export interface RetryEvent {
  /** The operation of the spec the request is for; undefined for a path outside it (through `client.api`). */
  operationId?: string | undefined;
  method: string;
  url: string;
  /** The URL's path, e.g. `/trade-api/v2/portfolio/fills`. */
  path: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  delayMs: number;
  /** The HTTP status that failed, or the transport error. */
  status?: number;
  error?: unknown;
}

export type ResolvedRetry = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

const DEFAULTS: ResolvedRetry = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
  statuses: [429, 500, 502, 503, 504],
};

/** setTimeout and AbortSignal.timeout keep their delay in 32 bits: a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function resolveRetryOptions(options: RetryOptions | false | undefined): ResolvedRetry {
  if (options === false) return { ...DEFAULTS, maxAttempts: 1 };
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new KalshiConfigError(`retry must be an object of settings or false, got ${describeValue(options)}`);
  }
  refuseUnknownOptions('retry', options, [...Object.keys(DEFAULTS), 'onRetry']);
  const merged = { ...DEFAULTS, ...definedOnly(options) };
  requireWhole('retry.maxAttempts', merged.maxAttempts, 1);
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    requireWhole(`retry.${key}`, merged[key], 0);
  }
  // Every backoff is capped by maxDelayMs, so it alone decides whether a wait fits in a timer.
  if (merged.maxDelayMs > MAX_TIMER_MS) throw timerTooLong('retry.maxDelayMs', merged.maxDelayMs);
  if (!Array.isArray(merged.statuses) || !merged.statuses.every((s) => Number.isInteger(s))) {
    throw new KalshiConfigError('retry.statuses must be an array of HTTP status codes');
  }
  if (merged.onRetry !== undefined && typeof merged.onRetry !== 'function') {
    throw new KalshiConfigError('retry.onRetry must be a function');
  }
  return merged;
}

/** The outcome of one attempt: an answer (body already read) or a failure already made typed. */
export type AttemptOutcome = { answer: Answer } | { error: unknown };

/** What to do after an attempt. */
export type RetryDecision =
  /** Hand the outcome to the caller as it is. */
  | { action: 'finish' }
  /** Wait, then try again. */
  | { action: 'retry'; delayMs: number; reason: { status: number } | { error: unknown } };

/** How the policy tells time and chance; tests replace them to make waits deterministic. */
export interface RetryClock {
  /** Milliseconds on a monotonic-enough clock, for `maxElapsedMs`. Default `Date.now`. */
  now: () => number;
  /** A number in [0, 1) for full jitter. Default `Math.random`. */
  random: () => number;
}

/** The retry rules of one client: what to do after each attempt of a request that may be repeated (see idempotency.ts). */
export interface RetryPolicy {
  readonly options: ResolvedRetry;
  decide(attempt: number, outcome: AttemptOutcome, context: { startedAt: number; signal: AbortSignal | undefined }): RetryDecision;
  readonly clock: RetryClock;
}

export function createRetryPolicy(options: ResolvedRetry, clock: Partial<RetryClock> = {}): RetryPolicy {
  const { now = Date.now, random = Math.random } = clock;
  const backoff = (failedAttempt: number, answer: Answer | undefined): number => {
    const hinted = retryAfterMs(answer);
    if (hinted !== undefined) return Math.min(hinted, options.maxDelayMs);
    return fullJitterMs(failedAttempt, options, random);
  };
  return {
    options,
    clock: { now, random },
    decide(attempt, outcome, { startedAt, signal }) {
      if ('error' in outcome) {
        // Only a lost or cut-off answer is worth another try; a redirect or an oversized body would come again.
        if (isCallerAbort(outcome.error, signal) || !(outcome.error instanceof KalshiNetworkError)) return { action: 'finish' };
      } else {
        if (!isRetryableStatus(outcome.answer.status, options)) return { action: 'finish' };
      }
      const delayMs = backoff(attempt, 'answer' in outcome ? outcome.answer : undefined);
      if (attempt >= options.maxAttempts || now() - startedAt + delayMs > options.maxElapsedMs) return { action: 'finish' };
      const reason = 'answer' in outcome ? { status: outcome.answer.status } : { error: outcome.error };
      return { action: 'retry', delayMs, reason };
    },
  };
}

/**
 * Full jitter: a wait uniform in [0, ceiling], the ceiling doubling from `baseDelayMs` per failed
 * attempt up to `maxDelayMs`. The stream's reconnects wait by the same rule as the retries.
 */
export function fullJitterMs(failedAttempt: number, limits: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const ceiling = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(failedAttempt - 1, 30));
  return Math.round(random() * ceiling);
}

/** Whether an HTTP status is worth another try under these settings: the one rule for requests and the stream's handshake. */
export function isRetryableStatus(status: number, options: Pick<ResolvedRetry, 'statuses'>): boolean {
  return options.statuses.includes(status);
}

function retryAfterMs(answer: Answer | undefined): number | undefined {
  const header = answer?.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** For every option that becomes a timer (`timeoutMs` too). */
export function timerTooLong(name: string, value: number): KalshiConfigError {
  return new KalshiConfigError(
    `${name} must be at most ${MAX_TIMER_MS.toLocaleString('en-US')} ms (about 24.8 days), the longest a timer can wait, got ${describeValue(value)}`,
  );
}

function requireWhole(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new KalshiConfigError(`${name} must be a whole number ≥ ${min}, got ${describeValue(value)}`);
  }
}
