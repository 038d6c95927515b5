import { MAX_SUBACCOUNT } from '../../data/account-layout.js';
import type { ExchangeInstance, IntraExchangeInstanceTransferResponse } from '../../data/wire-types.js';
import { readBody } from '../body.js';
import { type Route, ok } from './route.js';

const INSTANCES: readonly ExchangeInstance[] = ['event_contract', 'margined'];

/**
 * POST /portfolio/intra_exchange_instance_transfer: {source, destination
 * (event_contract | margined), amount (cents > 0), source/destination
 * exchange shard 0..100 (0), source/destination subaccount (0)}. Moves the
 * cash at once -> 200 {"transfer_id"}; the transfer is `complete`. The
 * margined instance has shard 0 only; the event-contract one the dataset's
 * shards. Unknown shard or subaccount, same account twice, too little cash
 * -> 400 (nested). May be forbidden (403) by the `forbidden` option.
 */
export const intraExchangeInstanceTransferRoute: Route = {
  method: 'POST',
  path: '/portfolio/intra_exchange_instance_transfer',
  operation: 'IntraExchangeInstanceTransfer',
  handle({ body, account }) {
    const b = readBody(body, this.operation);
    const transfer = account.requestIntraTransfer({
      source: b.requiredEnum('source', INSTANCES),
      destination: b.requiredEnum('destination', INSTANCES),
      amountCents: b.requiredInt('amount', { min: 1 }),
      sourceShard: b.int('source_exchange_shard', { min: 0, max: 100 }, 0),
      destinationShard: b.int('destination_exchange_shard', { min: 0, max: 100 }, 0),
      sourceSubaccount: b.int('source_subaccount', { min: 0, max: MAX_SUBACCOUNT }, 0),
      destinationSubaccount: b.int('destination_subaccount', { min: 0, max: MAX_SUBACCOUNT }, 0),
    });
    return ok({ transfer_id: transfer.transfer_id } satisfies IntraExchangeInstanceTransferResponse);
  },
};
