/**
 * Exactly-once order creation. The `client_order_id` is fixed before the first attempt and kept
 * across every retry, so the server can place the order at most once; a retry follows only an
 * attempt whose answer says nothing was done (429) or says nothing at all (a network failure, a
 * 5xx). A 409 for the id after such an attempt means an earlier attempt went through: the order
 * is found among the account's recent orders and the call resolves to it. A 409 on the first
 * attempt means the caller reused an id, which is a typed error naming it.
 *
 * This module owns the order writes' retries; the client's own pipeline sends each attempt once
 * (the spec marks no idempotency key on them, since resolving their 409 needs this lookup).
 */

import type { KalshiClient } from '../client.js';
import { KalshiApiError, KalshiNetworkError } from '../errors.js';
import { KalshiDuplicateClientOrderIdError, KalshiOrderAnswerError } from './errors.js';

/** How order writes are retried. Every setting has a default. */
export interface ExactlyOnceOptions {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number;
  /** First backoff ceiling in ms, doubled each retry (full jitter). Default 250. */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default 8,000. */
  maxDelayMs?: number;
  /** How many of the market's most recent orders are searched for an order whose answer was lost. Default 2,000. */
  reconcileScan?: number;
  /** Waits between attempts; tests replace it. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
}

export interface ResolvedExactlyOnce {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  reconcileScan: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export function resolveExactlyOnce(options: ExactlyOnceOptions | undefined): ResolvedExactlyOnce {
  return {
    maxAttempts: options?.maxAttempts ?? 6,
    baseDelayMs: options?.baseDelayMs ?? 250,
    maxDelayMs: options?.maxDelayMs ?? 8_000,
    reconcileScan: options?.reconcileScan ?? 2_000,
    sleep: options?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options?.random ?? Math.random,
  };
}

/** Why an attempt may be tried again: nothing was done (429), or nobody knows (network, 5xx). */
export function retryable(error: unknown): 'not-applied' | 'unknown' | undefined {
  if (error instanceof KalshiApiError) {
    if (error.status === 429) return 'not-applied';
    if (error.status >= 500) return 'unknown';
    return undefined;
  }
  return error instanceof KalshiNetworkError ? 'unknown' : undefined;
}

/** The row of `GET /portfolio/orders` this module reads when it looks for a lost order. */
export interface FoundOrder {
  order_id: string;
  client_order_id: string;
  ticker: string;
  book_side: string;
  yes_price_dollars: string;
  initial_count_fp: string;
  fill_count_fp: string;
  remaining_count_fp: string;
}

/**
 * Sends `attempt` until it answers, retrying as the module comment says. `onConflict` turns a 409
 * after an attempt of unknown outcome into the order it stands for.
 */
export async function withExactlyOnce<T>(
  settings: ResolvedExactlyOnce,
  clientOrderId: string,
  attempt: () => Promise<T>,
  recover: () => Promise<T>,
): Promise<{ value: T; attempts: number; recovered: boolean }> {
  let unknownOutcome = false;
  for (let number = 1; ; number++) {
    try {
      return { value: await attempt(), attempts: number, recovered: false };
    } catch (error) {
      if (error instanceof KalshiApiError && error.status === 409) {
        if (!unknownOutcome) throw duplicateOf(error, clientOrderId);
        return { value: await recover(), attempts: number, recovered: true };
      }
      const why = retryable(error);
      if (why === undefined || number >= settings.maxAttempts) throw error;
      if (why === 'unknown') unknownOutcome = true;
      const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (number - 1));
      await settings.sleep(Math.round(settings.random() * ceiling));
    }
  }
}

export function duplicateOf(error: KalshiApiError, clientOrderId: string): KalshiDuplicateClientOrderIdError {
  const duplicate = new KalshiDuplicateClientOrderIdError(
    { status: error.status, code: error.code, message: error.message, details: error.details, bodyExcerpt: error.bodyExcerpt, method: error.method, url: error.url, headers: error.headers },
    clientOrderId,
  );
  duplicate.cause = error;
  return duplicate;
}

/**
 * The order holding `clientOrderId` among the market's most recent orders (newest first), checked
 * against what was asked: an order under the id that is not this one means the id was reused.
 */
export async function findLostOrder(
  client: KalshiClient,
  settings: ResolvedExactlyOnce,
  asked: { ticker: string; side: string; yesPrice: string; clientOrderId: string },
  matches: (order: FoundOrder) => boolean,
  conflict: KalshiApiError | undefined,
): Promise<FoundOrder> {
  let seen = 0;
  for await (const order of client.orders({ ticker: asked.ticker, limit: 1000 }) as AsyncIterable<FoundOrder>) {
    if (order.client_order_id === asked.clientOrderId) {
      if (matches(order)) return order;
      if (conflict) throw duplicateOf(conflict, asked.clientOrderId);
      break;
    }
    if (++seen >= settings.reconcileScan) break;
  }
  throw new KalshiOrderAnswerError(
    `the server refused client_order_id ${asked.clientOrderId} as already used after an attempt whose answer was lost, but no order of ${asked.ticker} carries it among the ${seen} most recent: its fate is unknown; check the account's orders before placing it again`,
    { clientOrderId: asked.clientOrderId },
  );
}
