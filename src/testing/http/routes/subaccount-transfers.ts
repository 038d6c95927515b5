import { subaccountTransferOrder } from '../../data/account.js';
import type { GetSubaccountTransfersResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/subaccounts/transfers: limit 1..1000 (100), cursor; newest
 * first, seeded history and transfers applied since.
 */
export const subaccountTransfersRoute: Route = {
  method: 'GET',
  path: '/portfolio/subaccounts/transfers',
  operation: 'GetSubaccountTransfers',
  handle({ query, account }) {
    const q = readQuery(query, this.operation);
    const limit = q.limit(1000);
    const page = paginate(account.subaccountTransfers(), subaccountTransferOrder, q.string('cursor'), limit);
    return ok({ transfers: page.rows.map((e) => ({ ...e.row })), cursor: page.cursor } satisfies GetSubaccountTransfersResponse);
  },
};
