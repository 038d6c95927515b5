import { type OperationId, operationTable } from '../../generated/operations.js';
import { type ApiErrorFields, KalshiAlreadyAppliedError } from '../errors.js';
import type { Answer } from './transport/types.js';

/**
 * Everything the client knows about idempotent writes, in one place: which writes carry a key
 * (the spec's `x-kalshi-idempotency-key`, e.g. `client_transfer_id`), minting one when the caller
 * gave none, which requests may be sent again, and what a 409 means.
 *
 * A keyed write may be retried because Kalshi refuses a second request with the same key (409)
 * instead of applying it twice. So a 409 has two meanings:
 * - on a retry, only this call's own earlier attempt can have used the key (it was minted for this
 *   call, or the caller chose it): that attempt went through and only its answer was lost;
 * - on the first attempt, another call used the key before: `KalshiAlreadyAppliedError`.
 *
 * Order creates (`client_order_id`) plug in here: their key comes from the spec like any other,
 * and their success answer carries the order, which a lost answer cannot be made up from, so
 * their entry in {@link LOST_ANSWERS} is `'refuse'` (the retry's 409 then reaches the caller as
 * `KalshiAlreadyAppliedError` with `byEarlierAttempt`, and the caller finds the order by its key).
 */

/** The key a write went out with: a 409 is read against it. */
export interface SentKey {
  field: string;
  value: string;
}

/**
 * What stands in for the lost answer of a keyed write whose retry met 409: `'empty'` when the
 * operation's success answer is `200 {}` (the generator holds every keyed write today to that), so
 * the stand-in is exactly the lost answer; `'refuse'` when it carries data that cannot be made up.
 */
type LostAnswer = 'empty' | 'refuse';

/** Keyed writes whose success answer carries data. Empty today; order creates will be listed here. */
const LOST_ANSWERS: Partial<Record<OperationId, LostAnswer>> = {};

/** A write that carries an idempotency key, and what stands in for its lost answer. */
export interface KeyedWrite {
  /** The body field holding the key, e.g. `client_transfer_id`. */
  field: string;
  lostAnswer: LostAnswer;
}

/** The keyed write `operationId` is, or undefined when it carries no key (or is not an operation of the spec). */
export function keyedWriteOf(operationId: OperationId | undefined): KeyedWrite | undefined {
  const field = operationId === undefined ? null : operationTable[operationId].idempotencyKey;
  return field === null ? undefined : { field, lostAnswer: LOST_ANSWERS[operationId!] ?? 'empty' };
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
