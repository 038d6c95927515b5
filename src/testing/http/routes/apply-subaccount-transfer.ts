import { MAX_SUBACCOUNT } from '../../data/account-layout.js';
import { readBody } from '../body.js';
import { type Route, ok } from './route.js';

/**
 * POST /portfolio/subaccounts/transfer: {client_transfer_id (uuid),
 * from_subaccount, to_subaccount, amount_cents > 0, exchange_index? (0)}.
 * Moves the cash -> 200 {}. A client_transfer_id already applied -> 409
 * duplicate_client_transfer_id (nothing moves); unknown subaccount, same
 * subaccount twice, unknown shard or too little cash -> 400 (nested).
 */
export const applySubaccountTransferRoute: Route = {
  method: 'POST',
  path: '/portfolio/subaccounts/transfer',
  operation: 'ApplySubaccountTransfer',
  handle({ body, account }) {
    const b = readBody(body, this.operation);
    const input = {
      clientTransferId: b.requiredUuid('client_transfer_id'),
      from: b.requiredInt('from_subaccount', { min: 0, max: MAX_SUBACCOUNT }),
      to: b.requiredInt('to_subaccount', { min: 0, max: MAX_SUBACCOUNT }),
      amountCents: b.requiredInt('amount_cents', { min: 1 }),
      exchangeIndex: b.int('exchange_index', { min: 0 }, 0),
    };
    account.applySubaccountTransfer(input);
    return ok({});
  },
};
