import type { Middleware } from 'openapi-fetch';
import { KalshiConfigError } from './errors.js';
import { delay } from './delay.js';
import { BufferedResponse, isCallerAbort, transportErrorFrom } from './transport.js';

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
  /** Called before each retry's wait; for logs and metrics. */
  onRetry?: (event: RetryEvent) => void;
}

/** What `RetryOptions.onRetry` is told before each retry's wait. */
export interface RetryEvent {
  method: string;
  url: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  delayMs: number;
  /** The HTTP status that failed, or the transport error. */
  status?: number;
  error?: unknown;
}

type ResolvedRetry = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

const DEFAULTS: ResolvedRetry = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
  statuses: [429, 500, 502, 503, 504],
};

export function resolveRetryOptions(options: RetryOptions | false | undefined): ResolvedRetry {
  if (options === false) return { ...DEFAULTS, maxAttempts: 1 };
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null) {
    throw new KalshiConfigError(`retry must be an object of settings or false, got ${typeof options}`);
  }
  const merged = { ...DEFAULTS, ...definedOnly(options) };
  requireWhole('retry.maxAttempts', merged.maxAttempts, 1);
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    requireWhole(`retry.${key}`, merged[key], 0);
  }
  if (!Array.isArray(merged.statuses) || !merged.statuses.every((s) => Number.isInteger(s))) {
    throw new KalshiConfigError('retry.statuses must be an array of HTTP status codes');
  }
  if (merged.onRetry !== undefined && typeof merged.onRetry !== 'function') {
    throw new KalshiConfigError('retry.onRetry must be a function');
  }
  return merged;
}

export interface RetryMiddlewareSettings {
  retry: ResolvedRetry;
  timeoutMs: number;
  /** Only requests for which this is true are ever retried (GETs, and writes that are idempotent by design). */
  isRetryable: (method: string, schemaPath: string) => boolean;
  /** Prepares a request for another attempt; it re-signs, so every attempt carries a fresh timestamp. */
  prepareAttempt: (request: Request, schemaPath: string) => Promise<Request>;
  /** Records how many attempts led to each response that took more than one. */
  attempts?: WeakMap<Response, number>;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Retries safe requests on 429, 5xx and transport failures with exponential backoff and full
 * jitter. It lives in openapi-fetch's middleware chain so `client.api` gets the same behaviour as
 * the convenience methods. Bodies of retryable requests are read here, inside the loop, so a
 * connection cut mid-body is retried like one cut before the headers.
 */
export function retryMiddleware(settings: RetryMiddlewareSettings): Middleware {
  const { retry, timeoutMs, isRetryable, prepareAttempt } = settings;
  const sleep = settings.sleep ?? delay;
  const random = settings.random ?? Math.random;
  const now = settings.now ?? Date.now;
  const pristine = new WeakMap<Request, Request>();
  // openapi-fetch runs onResponse on a response that onError supplied too: those are already final.
  const settled = new WeakSet<Response>();
  const started = new WeakMap<Request, number>();

  async function run(
    request: Request,
    schemaPath: string,
    fetchImpl: (request: Request) => Promise<Response>,
    first: { response: Response } | { error: unknown },
  ): Promise<Response> {
    const startedAt = started.get(request) ?? now();
    const template = pristine.get(request) ?? request;
    let outcome = first;
    for (let attempt = 1; ; attempt++) {
      if ('response' in outcome) {
        const { response } = outcome;
        if (!retry.statuses.includes(response.status)) {
          try {
            return counted(await buffered(response), attempt);
          } catch (error) {
            outcome = { error };
          }
        }
      }
      const reason = 'response' in outcome ? { status: outcome.response.status } : { error: outcome.error };
      const delayMs = backoff(attempt, 'response' in outcome ? outcome.response : undefined);
      const outOfTime = now() - startedAt + delayMs > retry.maxElapsedMs;
      if ('error' in outcome && isCallerAbort(outcome.error, request.signal)) throw transportErrorFrom(outcome.error, request, timeoutMs);
      if (attempt >= retry.maxAttempts || outOfTime) {
        if ('response' in outcome) return counted(outcome.response, attempt);
        throw transportErrorFrom(outcome.error, request, timeoutMs);
      }
      if ('response' in outcome) await outcome.response.body?.cancel().catch(() => undefined);
      retry.onRetry?.({ method: request.method, url: request.url, attempt, delayMs, ...reason });
      await sleep(delayMs, request.signal);
      try {
        const next = await prepareAttempt(template.clone(), schemaPath);
        outcome = { response: await fetchImpl(next) };
      } catch (error) {
        outcome = { error };
      }
    }
  }

  function counted(response: Response, attempt: number): Response {
    if (attempt > 1) settings.attempts?.set(response, attempt);
    settled.add(response);
    return response;
  }

  function backoff(failedAttempt: number, response: Response | undefined): number {
    const hinted = retryAfterMs(response);
    if (hinted !== undefined) return Math.min(hinted, retry.maxDelayMs);
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failedAttempt - 1));
    return Math.round(random() * ceiling);
  }

  return {
    onRequest({ request, schemaPath }) {
      if (retry.maxAttempts <= 1 || !isRetryable(request.method, schemaPath)) return undefined;
      started.set(request, now());
      // A body can be sent once; keep an unsent copy for the retries of idempotent writes.
      if (request.body !== null) pristine.set(request, request.clone());
      return undefined;
    },
    async onResponse({ request, response, schemaPath, options }) {
      if (retry.maxAttempts <= 1 || !isRetryable(request.method, schemaPath) || settled.has(response)) return undefined;
      return run(request, schemaPath, options.fetch, { response });
    },
    async onError({ request, error, schemaPath, options }) {
      if (retry.maxAttempts > 1 && isRetryable(request.method, schemaPath) && !isCallerAbort(error, request.signal)) {
        return run(request, schemaPath, options.fetch, { error }).catch((e: unknown) => asError(e));
      }
      return asError(transportErrorFrom(error, request, timeoutMs));
    },
  };
}

/** Reading the whole body inside the retry loop turns a mid-body reset into a retryable failure. */
async function buffered(response: Response): Promise<Response> {
  if (response.body === null || response instanceof BufferedResponse) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new BufferedResponse(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function retryAfterMs(response: Response | undefined): number | undefined {
  const header = response?.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}


function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function requireWhole(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new KalshiConfigError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  }
}
