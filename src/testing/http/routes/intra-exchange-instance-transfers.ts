import { intraTransferOrder } from '../../data/account.js';
import type { GetIntraExchangeInstanceTransfersResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/** GET /portfolio/intra_exchange_instance_transfers: limit 1..500 (100), cursor; newest first. */
export const intraExchangeInstanceTransfersRoute: Route = {
  method: 'GET',
  path: '/portfolio/intra_exchange_instance_transfers',
  operation: 'GetIntraExchangeInstanceTransfers',
  handle({ query, account }) {
    const q = readQuery(query, this.operation);
    const limit = q.limit(500);
    const page = paginate(account.intraTransfers(), intraTransferOrder, q.string('cursor'), limit);
    return ok({ transfers: page.rows.map((e) => ({ ...e.row })), cursor: page.cursor } satisfies GetIntraExchangeInstanceTransfersResponse);
  },
};
