import { type OperationId, operationTable } from '../../generated/operations.js';
import { type ApiErrorFields, KalshiAlreadyAppliedError, KalshiApiError, KalshiNetworkError } from '../errors.js';
import { fullJitterMs } from './retry.js';
import type { Answer } from './transport/types.js';

/**
 * Everything the client knows about idempotent writes and their retries, in one place: which
 * writes carry a key (the spec's `x-kalshi-idempotency-key`: `client_transfer_id`,
 * `client_order_id`), minting one before the first attempt when the caller gave none, which
 * requests may be sent again, which attempts may have been applied, and what a 409 means.
 *
 * A keyed write may be retried because Kalshi refuses a second request with the same key (409)
 * instead of applying it twice. So a 409 has two meanings:
 * - after an attempt that may have been applied (its answer was lost, or was a 5xx), only this
 *   call's own earlier attempt can have used the key (it was minted for this call, or the caller
 *   chose it): that attempt went through and only its answer was lost;
 * - otherwise (the first attempt, or after attempts refused with 429 or for their timestamp,
 *   which apply nothing), another call used the key before: `KalshiAlreadyAppliedError`.
 *
 * What stands in for the lost answer depends on what it carried (the generator reads it off the
 * spec's success answer): `200 {}` is given back as it was; an answer that carries data (an order
 * create's order) cannot be made up, so the retry's 409 reaches the caller as
 * `KalshiAlreadyAppliedError` with `byEarlierAttempt`, and the caller finds what it made by its key
 * (the order desk lists recent orders: src/orders/exactly-once.ts).
 */

/** The key a write went out with: a 409 is read against it. */
export interface SentKey {
  field: string;
  value: string;
}

/**
 * What stands in for the lost answer of a keyed write whose retry met 409: `'empty'` when the
 * operation's success answer is `200 {}`, so the stand-in is exactly the lost answer; `'refuse'`
 * when it carries data that cannot be made up.
 */
type LostAnswer = 'empty' | 'refuse';

/** A write that carries an idempotency key, and what stands in for its lost answer. */
export interface KeyedWrite {
  /** The body field holding the key, e.g. `client_transfer_id`. */
  field: string;
  lostAnswer: LostAnswer;
}

/** The keyed write `operationId` is, or undefined when it carries no key (or is not an operation of the spec). */
export function keyedWriteOf(operationId: OperationId | undefined): KeyedWrite | undefined {
  if (operationId === undefined) return undefined;
  const { idempotencyKey: field, lostAnswer } = operationTable[operationId];
  return field === null || lostAnswer === null ? undefined : { field, lostAnswer };
}

/**
 * Fills in a fresh key when the caller gave none (a key made here is what lets a lost answer be
 * retried without moving money twice), and says which key the body goes out with.
 */
export function keyTheBody(keyed: KeyedWrite | undefined, body: Record<string, unknown>): SentKey | undefined {
  if (!keyed) return undefined;
  if (body[keyed.field] === undefined) body[keyed.field] = crypto.randomUUID();
  return { field: keyed.field, value: String(body[keyed.field]) };
}

/** Whether a request may be sent more than once: reads always, a write only with its key. */
export function isRepeatable(method: string, keyed: KeyedWrite | undefined): boolean {
  return method === 'GET' || method === 'HEAD' || keyed !== undefined;
}

/**
 * Whether an attempt may have been applied by the server: anything but a 429, which Kalshi answers
 * before doing anything (over budget, no penalty). A 409 after attempts that were all refused with
 * 429 is therefore another call's use of the key, not this call's lost answer.
 */
export function attemptMayHaveApplied(outcome: { answer: Answer } | { error: unknown }): boolean {
  return !('answer' in outcome && outcome.answer.status === 429);
}

/** Header set on an answer to a retry that met 409 (see {@link answerAfterConflict}). */
export const STOOD_IN_HEADER = 'x-kalshi-portfolio-applied-by-earlier-attempt';

/**
 * After an attempt of a keyed write brought `answer`: what the caller gets when a retry met 409
 * (an earlier attempt, one that may have been applied, went through), or undefined to judge the
 * answer as it is. For a write
 * whose success is `200 {}`, that answer itself; for one whose answer carries data, the 409,
 * which becomes `KalshiAlreadyAppliedError` with `byEarlierAttempt`. Either is marked with
 * {@link STOOD_IN_HEADER}, for `client.api` callers and logs.
 */
export function answerAfterConflict(keyed: KeyedWrite | undefined, earlierAttemptMayHaveApplied: boolean, answer: Answer): Answer | undefined {
  if (answer.status !== 409 || !earlierAttemptMayHaveApplied || !keyed) return undefined;
  if (keyed.lostAnswer === 'refuse') return { ...answer, headers: withHeader(answer.headers, STOOD_IN_HEADER, 'true') };
  return {
    status: 200,
    headers: new Headers({ 'content-type': 'application/json', [STOOD_IN_HEADER]: 'true' }),
    bytes: new TextEncoder().encode('{}'),
  };
}

function withHeader(headers: Headers, name: string, value: string): Headers {
  const copy = new Headers(headers);
  copy.set(name, value);
  return copy;
}

/**
 * The error for a 409 answer to a keyed write: the key had been used, so nothing was done this
 * time. Undefined for any other answer, which `apiErrorFrom` types by its status.
 */
export function conflictError(status: number, fields: ApiErrorFields, sentKey: SentKey | undefined, headers: Headers | undefined): KalshiAlreadyAppliedError | undefined {
  if (status !== 409 || !sentKey) return undefined;
  return new KalshiAlreadyAppliedError(fields, sentKey.field, sentKey.value, headers?.get(STOOD_IN_HEADER) === 'true');
}

/** How a write whose items carry their own keys (a batch of order creates) is retried. */
export interface ItemKeyedRetry {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff ceiling in ms, doubled each retry (full jitter, as every retry of the client). */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Sends a write whose items each carry their own key (a batch of order creates: one
 * `client_order_id` per order), which the request pipeline cannot key as one body: retried on
 * what a keyed write is retried on (a 429, which applied nothing; a 5xx or a lost answer, which may
 * have), with the same keys. `mayHaveApplied` says whether an earlier attempt may have gone
 * through, so an item the server refuses as a duplicate key is this call's own, found by its key.
 */
export async function sendItemKeyedWrite<T>(retry: ItemKeyedRetry, attempt: () => Promise<T>): Promise<{ value: T; mayHaveApplied: boolean }> {
  let mayHaveApplied = false;
  for (let number = 1; ; number++) {
    try {
      return { value: await attempt(), mayHaveApplied };
    } catch (error) {
      const tooMany = error instanceof KalshiApiError && error.status === 429;
      const unknown = (error instanceof KalshiApiError && error.status >= 500) || error instanceof KalshiNetworkError;
      if ((!tooMany && !unknown) || number >= retry.maxAttempts) throw error;
      if (unknown) mayHaveApplied = true;
      await retry.sleep(fullJitterMs(number, retry, retry.random));
    }
  }
}
