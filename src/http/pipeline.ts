import { pathOf, transportFailure } from './failure.js';
import type { ServerClock } from './clock.js';
import type { RateLimiter } from './rate-limit.js';
import type { AttemptOutcome, RetryPolicy } from './retry.js';
import type { Route } from './routes.js';
import type { RequestSigner } from './signer.js';
import type { Answer, Outgoing, Transport } from './transport/types.js';

/** Everything one attempt needs, settled once per client. */
export interface AttemptPipelineSettings {
  route: (method: string, path: string) => Route;
  signer: RequestSigner;
  limiter: RateLimiter | undefined;
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  /** The clock the signer reads; a refusal for a stale timestamp moves it to Kalshi's. */
  clock: ServerClock;
  /** Waits between attempts; tests replace it so backoff takes no real time. Default: a timer that the caller's signal cancels. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** Sends a request through every attempt it may take; see {@link createAttemptPipeline}. */
export type SendRequest = (request: Outgoing) => Promise<Answer>;

/**
 * The request path of every call. Each attempt, the first and every retry alike, takes the same
 * steps: wait for the rate limiter → sign with a fresh timestamp → send with its own deadline →
 * read the whole body → let the retry policy judge the outcome. A failure becomes a typed error
 * once, inside the attempt, so what leaves here is an answer or a `KalshiError` (or the caller's
 * own abort reason).
 */
export function createAttemptPipeline(settings: AttemptPipelineSettings): SendRequest {
  const { route: routeOf, signer, limiter, transport, timeoutMs, retry, clock } = settings;
  // Only a retry waits, so the timer's code loads with the first retry.
  const sleep = settings.sleep ?? ((ms, signal) => import('./delay.js').then(({ delay }) => delay(ms, signal)));

  let inFlight = 0;
  async function attempt(request: Outgoing, path: string, signed: boolean): Promise<AttemptOutcome> {
    inFlight++;
    try {
      if (limiter) await limiter.acquire(request);
      // Every attempt sends headers of its own, so one a transport kept hold of is never re-signed.
      const sent = signed ? { ...request, headers: { ...request.headers, ...(await signer(request.method, path, inFlight > 1)) } } : request;
      const answer = await transport(sent, timeoutMs);
      limiter?.observe?.(answer.status);
      return { answer };
    } catch (error) {
      return { error: transportFailure(error, request, timeoutMs) };
    } finally {
      inFlight--;
    }
  }

  return async function send(request) {
    const path = pathOf(request.url);
    const { signed, idempotencyKey } = routeOf(request.method, path);
    const maxAttempts = retry.attemptsFor(request.method, idempotencyKey);
    const startedAt = retry.clock.now();
    let clockCorrected = false;
    for (let number = 1; ; number++) {
      const sentAt = Date.now();
      const outcome = await attempt(request, path, signed);
      // A request refused for its timestamp was not applied, so any method may be signed again,
      // once, by Kalshi's clock: the offset then holds for every later request of the client.
      if (signed && !clockCorrected && 'answer' in outcome && outcome.answer.status === 401) {
        clockCorrected = (await import('./clock-skew.js')).correctClock(clock, outcome.answer, sentAt);
        if (clockCorrected) {
          retry.options.onRetry?.({ method: request.method, url: request.url, attempt: number, delayMs: 0, status: 401 });
          continue;
        }
      }
      const decision =
        maxAttempts > 1 ? retry.decide(number, outcome, { startedAt, idempotencyKey, signal: request.signal }) : { action: 'finish' as const };
      if (decision.action === 'applied-by-earlier-attempt') return appliedByEarlierAttempt();
      if (decision.action === 'finish') {
        if ('error' in outcome) throw outcome.error;
        return outcome.answer;
      }
      retry.options.onRetry?.({ method: request.method, url: request.url, attempt: number, delayMs: decision.delayMs, ...decision.reason });
      await sleep(decision.delayMs, request.signal);
    }
  };
}

/** Header set on the answer that stands in for a lost one (see `appliedByEarlierAttempt`). */
export const REPLAYED_HEADER = 'x-kalshi-portfolio-applied-by-earlier-attempt';

/**
 * The answer the earlier attempt would have brought: the generator allows an idempotency key only
 * on writes whose success body is empty, so `200 {}` is exactly that answer. The header says it
 * came from here, for a user's middleware and logs.
 */
function appliedByEarlierAttempt(): Answer {
  return {
    status: 200,
    headers: new Headers({ 'content-type': 'application/json', [REPLAYED_HEADER]: 'true' }),
    bytes: new TextEncoder().encode('{}'),
  };
}
