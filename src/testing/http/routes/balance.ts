import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/balance: subaccount (omitted = 0), exchange_index (omitted = all shards).
 * Reads the current cash, so transfers show here.
 */
export const balanceRoute: Route = {
  method: 'GET',
  path: '/portfolio/balance',
  operation: 'GetBalance',
  handle({ query, account }) {
    const q = readQuery(query, this.operation);
    const subaccount = q.subaccount(0);
    const exchangeIndex = q.exchangeIndex();
    return ok(account.balance(subaccount, exchangeIndex));
  },
};
