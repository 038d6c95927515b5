import type { GetSubaccountBalancesResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/subaccounts/balances: the current cash of every subaccount
 * (primary included) on every exchange shard, zeros too.
 */
export const subaccountBalancesRoute: Route = {
  method: 'GET',
  path: '/portfolio/subaccounts/balances',
  operation: 'GetSubaccountBalances',
  handle({ account }) {
    return ok({ subaccount_balances: account.subaccountBalances() } satisfies GetSubaccountBalancesResponse);
  },
};
