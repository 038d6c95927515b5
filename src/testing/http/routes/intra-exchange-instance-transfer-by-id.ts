import type { GetIntraExchangeInstanceTransferResponse } from '../../data/wire-types.js';
import { FakeApiError } from '../api-error.js';
import { type Route, ok } from './route.js';

/** GET /portfolio/intra_exchange_instance_transfers/{transfer_id} -> {"transfer"}; unknown id -> 404. */
export const intraExchangeInstanceTransferByIdRoute: Route = {
  method: 'GET',
  path: '/portfolio/intra_exchange_instance_transfers/{transfer_id}',
  operation: 'GetIntraExchangeInstanceTransfer',
  handle({ pathParams, account }) {
    const id = pathParams['transfer_id']!;
    const transfer = account.intraTransfer(id);
    if (!transfer) throw new FakeApiError(404, 'not_found', 'transfer not found', `no intra exchange instance transfer ${id}`);
    return ok({ transfer } satisfies GetIntraExchangeInstanceTransferResponse);
  },
};
