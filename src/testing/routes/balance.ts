import { balanceOf } from '../dataset.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/** GET /portfolio/balance: subaccount (omitted = 0), exchange_index (omitted = all shards). */
export const balanceRoute: Route = {
  method: 'GET',
  path: '/portfolio/balance',
  operation: 'GetBalance',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const subaccount = q.subaccount(0);
    const exchangeIndex = q.exchangeIndex();
    return ok(balanceOf(data, subaccount, exchangeIndex));
  },
};
