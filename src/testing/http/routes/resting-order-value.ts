import { restingOrderValue } from '../../data/resting-orders.js';
import type { GetPortfolioRestingOrderTotalValueResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/summary/total_resting_order_value: account-wide, no
 * parameters. The sum over the resting orders GET /portfolio/orders serves,
 * per shard: each one's remaining contracts at the price each commits.
 */
export const restingOrderValueRoute: Route = {
  method: 'GET',
  path: '/portfolio/summary/total_resting_order_value',
  operation: 'GetPortfolioRestingOrderTotalValue',
  handle({ data }) {
    return ok(restingOrderValue(data.orders) satisfies GetPortfolioRestingOrderTotalValueResponse);
  },
};
