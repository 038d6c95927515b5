import { type Route, ok } from './route.js';

/** GET /portfolio/target_balance_allocation. May be forbidden (403) by the `forbidden` option. */
export const targetBalanceAllocationRoute: Route = {
  method: 'GET',
  path: '/portfolio/target_balance_allocation',
  operation: 'GetTargetBalanceAllocation',
  handle({ account }) {
    return ok(account.allocation());
  },
};
