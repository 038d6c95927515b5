import { movementOrder } from '../../data/ordering.js';
import type { GetWithdrawalsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

const order = movementOrder('withdrawals');

/** GET /portfolio/withdrawals: limit 1..500 (100), cursor; newest first. */
export const withdrawalsRoute: Route = {
  method: 'GET',
  path: '/portfolio/withdrawals',
  operation: 'GetWithdrawals',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const limit = q.limit(500);
    const page = paginate(data.withdrawals, order, q.string('cursor'), limit);
    return ok({ withdrawals: page.rows, cursor: page.cursor } satisfies GetWithdrawalsResponse);
  },
};
