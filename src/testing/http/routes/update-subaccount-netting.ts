import { MAX_SUBACCOUNT } from '../../data/account-layout.js';
import { readBody } from '../body.js';
import { type Route, ok } from './route.js';

/**
 * PUT /portfolio/subaccounts/netting: {subaccount_number, enabled}. Sets the
 * subaccount's netting on every shard -> 200 {}; a subaccount that does not
 * exist -> 400 subaccount_not_found.
 */
export const updateSubaccountNettingRoute: Route = {
  method: 'PUT',
  path: '/portfolio/subaccounts/netting',
  operation: 'UpdateSubaccountNetting',
  handle({ body, account }) {
    const b = readBody(body, this.operation);
    const subaccount = b.requiredInt('subaccount_number', { min: 0, max: MAX_SUBACCOUNT });
    const enabled = b.requiredBool('enabled');
    account.setNetting(subaccount, enabled);
    return ok({});
  },
};
