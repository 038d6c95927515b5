import { type OperationId, operationTable } from '../../generated/operations.js';
import { transportFailure } from './failure.js';
import { pathOf } from './url-path.js';
import type { ServerClock } from './clock.js';
import { answerAfterConflict, attemptMayHaveApplied, isRepeatable, keyedWriteOf } from './idempotency.js';
import type { RateLimiter } from './rate-limit.js';
import type { AttemptOutcome, RetryEvent, RetryPolicy } from './retry.js';
import type { RequestSigner } from './signer.js';
import type { Answer, Outgoing, Transport } from './transport/types.js';

/** Everything one attempt needs, settled once per client. */
export interface AttemptPipelineSettings {
  signer: RequestSigner;
  limiter: RateLimiter | undefined;
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  /** The clock the signer reads; a refusal for a stale timestamp moves it to Kalshi's. */
  clock: ServerClock;
  /** Told of every attempt that failed and will be tried again, before its wait. */
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** Waits between attempts; tests replace it so backoff takes no real time. Default: a timer that the caller's signal cancels. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * Sends a request through every attempt it may take; see {@link createAttemptPipeline}. The
 * operation travels with the request (undefined for a path outside the spec, reachable only by
 * casting around `client.api`'s types): it decides signing and whether the request may be repeated.
 */
export type SendRequest = (request: Outgoing, operationId: OperationId | undefined) => Promise<Answer>;

/**
 * The request path of every call. Each attempt, the first and every retry alike, takes the same
 * steps: wait for the rate limiter → sign with a fresh timestamp → send with its own deadline →
 * read the whole body → let the retry policy judge the outcome. A failure becomes a typed error
 * once, inside the attempt, so what leaves here is an answer or a `KalshiError` (or the caller's
 * own abort reason).
 */
export function createAttemptPipeline(settings: AttemptPipelineSettings): SendRequest {
  const { signer, limiter, transport, timeoutMs, retry, clock, onRetry } = settings;
  // Only a retry waits, so the timer's code loads with the first retry.
  const sleep = settings.sleep ?? ((ms, signal) => import('./delay.js').then(({ delay }) => delay(ms, signal)));

  let inFlight = 0;
  async function attempt(request: Outgoing, operationId: OperationId | undefined, path: string, signed: boolean): Promise<AttemptOutcome> {
    inFlight++;
    try {
      if (limiter) await limiter.acquire(request, operationId);
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

  return async function send(request, operationId) {
    const path = pathOf(request.url);
    // Kalshi's historical cutoff is public; everything else, and anything outside the spec, is signed.
    const signed = operationId === undefined || operationTable[operationId].signed;
    const keyed = keyedWriteOf(operationId);
    const maxAttempts = isRepeatable(request.method, keyed) ? retry.options.maxAttempts : 1;
    const startedAt = retry.clock.now();
    let clockCorrected = false;
    // A refusal for the timestamp applied nothing: a 409 after it is someone else's use of the key.
    let earlierAttemptMayHaveApplied = false;
    for (let number = 1; ; number++) {
      const sentAt = Date.now();
      const outcome = await attempt(request, operationId, path, signed);
      // A request refused for its timestamp was not applied, so any method may be signed again,
      // once, by Kalshi's clock: the offset then holds for every later request of the client.
      if (signed && !clockCorrected && 'answer' in outcome && outcome.answer.status === 401) {
        clockCorrected = (await import('./clock-skew.js')).correctClock(clock, outcome.answer, sentAt);
        if (clockCorrected) {
          onRetry?.({ operationId, method: request.method, url: request.url, path, attempt: number, delayMs: 0, status: 401 });
          continue;
        }
      }
      const afterConflict = 'answer' in outcome ? answerAfterConflict(keyed, earlierAttemptMayHaveApplied, outcome.answer) : undefined;
      if (afterConflict) return afterConflict;
      earlierAttemptMayHaveApplied ||= attemptMayHaveApplied(outcome);
      const decision = maxAttempts > 1 ? retry.decide(number, outcome, { startedAt, signal: request.signal }) : { action: 'finish' as const };
      if (decision.action === 'finish') {
        if ('error' in outcome) throw outcome.error;
        return outcome.answer;
      }
      onRetry?.({ operationId, method: request.method, url: request.url, path, attempt: number, delayMs: decision.delayMs, ...decision.reason });
      await sleep(decision.delayMs, request.signal);
    }
  };
}
