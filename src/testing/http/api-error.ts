/**
 * Business-rule failures of a route, answered with the nested shape
 * {"error":{"code","message","details"}}: a change the account refuses (400),
 * no access (403), an unknown id (404), a repeated id (409). Named apart from
 * the client's KalshiApiError, which is what a client makes of such an answer.
 */

import { AccountError } from '../data/account-error.js';

export class FakeApiError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'FakeApiError';
  }
}

/** The answer to a change the account refused: 409 for a repeat, 400 for a broken rule. */
export function fromAccountError(error: AccountError): FakeApiError {
  return new FakeApiError(error.kind === 'conflict' ? 409 : 400, error.code, error.message, error.details);
}
