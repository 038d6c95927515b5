import type { GetSubaccountNettingResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/** GET /portfolio/subaccounts/netting: one setting per (subaccount, exchange shard). */
export const subaccountNettingRoute: Route = {
  method: 'GET',
  path: '/portfolio/subaccounts/netting',
  operation: 'GetSubaccountNetting',
  handle({ account }) {
    return ok({ netting_configs: account.netting() } satisfies GetSubaccountNettingResponse);
  },
};
