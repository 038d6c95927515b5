import type { CreateSubaccountResponse } from '../../data/wire-types.js';
import { readBody } from '../body.js';
import { type Route, created } from './route.js';

/**
 * POST /portfolio/subaccounts: body a JSON object (at least {}), optional
 * exchange_index (a known shard). Creates the lowest free number in 1..63
 * -> 201 {"subaccount_number": n}; when all exist -> 400 subaccount_limit_reached.
 */
export const createSubaccountRoute: Route = {
  method: 'POST',
  path: '/portfolio/subaccounts',
  operation: 'CreateSubaccount',
  handle({ body, account }) {
    const b = readBody(body, this.operation);
    const exchangeIndex = b.int('exchange_index', { min: 0 });
    return created({ subaccount_number: account.createSubaccount(exchangeIndex) } satisfies CreateSubaccountResponse);
  },
};
