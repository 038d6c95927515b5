import { type Route, ok } from './route.js';

/** GET /portfolio/summary/total_resting_order_value: account-wide, no parameters. */
export const restingOrderValueRoute: Route = {
  method: 'GET',
  path: '/portfolio/summary/total_resting_order_value',
  operation: 'GetPortfolioRestingOrderTotalValue',
  handle({ data }) {
    return ok(data.restingOrderValue);
  },
};
