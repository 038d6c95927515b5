/**
 * A change the account refuses: it breaks one of the account's rules (unknown subaccount, too
 * little cash, an allocation that is not a whole) or repeats a transfer already applied. The
 * account only says which; the HTTP layer picks the status (http/api-error.ts).
 */
export class AccountError extends Error {
  constructor(
    /** `invalid`: the change breaks a rule; `conflict`: it repeats one already applied. */
    readonly kind: 'invalid' | 'conflict',
    /** Kalshi's error code, e.g. `insufficient_balance`. */
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
