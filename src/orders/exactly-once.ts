/**
 * What exactly-once creation needs beyond the client's idempotency module
 * (src/http/idempotency.ts), which owns the `client_order_id` key, the retries and what a 409
 * means: finding the order a lost answer was about. A create whose retry met 409 after an attempt
 * that may have been applied (`KalshiAlreadyAppliedError` with `byEarlierAttempt`) was placed; the
 * order is found among the market's recent orders and the call resolves to it. A 409 on the first
 * attempt means the caller reused an id, which is a typed error naming it.
 */

import type { KalshiClient } from '../client.js';
import type { KalshiApiError } from '../errors.js';
import type { ItemKeyedRetry } from '../http/idempotency.js';
import { KalshiDuplicateClientOrderIdError, KalshiOrderAnswerError } from './errors.js';

/**
 * How the desk finds an order whose answer was lost, and retries batch creates. A single create is
 * retried by the client as any keyed write, per its `retry` option.
 */
export interface ExactlyOnceOptions {
  /** How many of the market's most recent orders are searched for an order whose answer was lost. Default 2,000. */
  reconcileScan?: number;
  /** Attempts of a batch create in all, the first included. Default 6. */
  maxAttempts?: number;
  /** First backoff ceiling of a batch create's retries in ms, doubled each retry (full jitter). Default 250. */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default 8,000. */
  maxDelayMs?: number;
  /** Waits between attempts; tests replace it. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
}

export interface ResolvedExactlyOnce {
  reconcileScan: number;
  batchRetry: ItemKeyedRetry;
}

export function resolveExactlyOnce(options: ExactlyOnceOptions | undefined): ResolvedExactlyOnce {
  return {
    reconcileScan: options?.reconcileScan ?? 2_000,
    batchRetry: {
      maxAttempts: options?.maxAttempts ?? 6,
      baseDelayMs: options?.baseDelayMs ?? 250,
      maxDelayMs: options?.maxDelayMs ?? 8_000,
      sleep: options?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options?.random ?? Math.random,
    },
  };
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
