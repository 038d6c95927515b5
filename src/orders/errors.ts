/**
 * The order module's errors. Each names what was refused or what went wrong, so a bot can branch
 * with `instanceof` and a person can read the message.
 */

import { type ApiErrorFields, KalshiApiError, KalshiError, KalshiInputError } from '../errors.js';

/** A guard rail refused an order before anything was sent (nothing reached the server). */
export class KalshiOrderGuardError extends KalshiInputError {
  override name = 'KalshiOrderGuardError';
  /** Which rail: `price`, `count`, `marketStatus`, `maxContracts`, `maxCostDollars`, `maxClientCostDollars`, `reduceOnly`, `side`, `ticker`, … */
  readonly guard: string;
  constructor(guard: string, message: string) {
    super(message);
    this.guard = guard;
  }
}

/**
 * 409 for a `client_order_id` this call did not itself use before: the caller reused an id an
 * earlier order already holds, and no new order was placed.
 */
export class KalshiDuplicateClientOrderIdError extends KalshiApiError {
  override name = 'KalshiDuplicateClientOrderIdError';
  readonly clientOrderId: string;
  constructor(fields: ApiErrorFields, clientOrderId: string) {
    super(fields, `client_order_id ${clientOrderId} is already used by another order, so no order was placed; give each order a new id (or leave it out and one is made)`);
    this.clientOrderId = clientOrderId;
  }
}

/**
 * An answer that cannot be trusted as it stands: a create answered 2xx without an `order_id`, a
 * cancel or amend answer naming another order than the one asked for (and a read of the order did
 * not confirm the change), or a 409 after a lost answer whose order could not be found.
 */
export class KalshiOrderAnswerError extends KalshiError {
  override name = 'KalshiOrderAnswerError';
  /** The order asked about, when there is one. */
  readonly orderId: string | undefined;
  readonly clientOrderId: string | undefined;
  constructor(message: string, ids: { orderId?: string; clientOrderId?: string } = {}) {
    super(message);
    this.orderId = ids.orderId;
    this.clientOrderId = ids.clientOrderId;
  }
}

/** One item of a batch that the server refused inside a 2xx answer. */
export class KalshiBatchItemError extends KalshiError {
  override name = 'KalshiBatchItemError';
  /** The item's position in the batch as the caller gave it, from 0. */
  readonly index: number;
  readonly code: string | undefined;
  readonly details: string | undefined;
  readonly clientOrderId: string | undefined;
  readonly orderId: string | undefined;
  constructor(index: number, error: { code?: string; message?: string; details?: string }, ids: { clientOrderId?: string; orderId?: string }) {
    const what = ids.clientOrderId ? `client_order_id ${ids.clientOrderId}` : ids.orderId ? `order ${ids.orderId}` : 'no id';
    super(`batch item ${index} (${what}) was refused: ${error.code ?? 'error'}: ${error.message ?? ''}${error.details ? ` (${error.details})` : ''}`);
    this.index = index;
    this.code = error.code;
    this.details = error.details;
    this.clientOrderId = ids.clientOrderId;
    this.orderId = ids.orderId;
  }
}
