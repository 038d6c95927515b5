import { movementOrder } from '../../data/ordering.js';
import type { GetDepositsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

const order = movementOrder('deposits');

/** GET /portfolio/deposits: limit 1..500 (100), cursor; newest first. */
export const depositsRoute: Route = {
  method: 'GET',
  path: '/portfolio/deposits',
  operation: 'GetDeposits',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const limit = q.limit(500);
    const page = paginate(data.deposits, order, q.string('cursor'), limit);
    return ok({ deposits: page.rows, cursor: page.cursor } satisfies GetDepositsResponse);
  },
};
