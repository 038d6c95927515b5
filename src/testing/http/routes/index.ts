/**
 * The route table and path matching. Add an operation by writing a route
 * module and listing it here.
 */

import { accountLimitsRoute } from './account-limits.js';
import { applySubaccountTransferRoute } from './apply-subaccount-transfer.js';
import { balanceRoute } from './balance.js';
import { createSubaccountRoute } from './create-subaccount.js';
import { depositsRoute } from './deposits.js';
import { fillsRoute } from './fills.js';
import { historicalCutoffRoute } from './historical-cutoff.js';
import { historicalFillsRoute } from './historical-fills.js';
import { historicalOrdersRoute } from './historical-orders.js';
import { historicalPositionsRoute } from './historical-positions.js';
import { intraExchangeInstanceTransferRoute } from './intra-exchange-instance-transfer.js';
import { intraExchangeInstanceTransferByIdRoute } from './intra-exchange-instance-transfer-by-id.js';
import { intraExchangeInstanceTransfersRoute } from './intra-exchange-instance-transfers.js';
import { marketRoute } from './market.js';
import { orderRoute } from './order.js';
import {
  createOrderGroupRoute, deleteOrderGroupRoute, resetOrderGroupRoute, triggerOrderGroupRoute, updateOrderGroupLimitRoute,
} from './order-group-writes.js';
import { amendOrderV2Route, cancelAllOrdersRoute, cancelOrderV2Route, createOrderV2Route, decreaseOrderV2Route } from './orders-v2.js';
import { batchCancelOrdersV2Route, batchCreateOrdersV2Route } from './orders-v2-batch.js';
import { orderGroupRoute } from './order-group.js';
import { orderGroupsRoute } from './order-groups.js';
import { orderQueuePositionRoute } from './order-queue-position.js';
import { orderQueuePositionsRoute } from './order-queue-positions.js';
import { ordersRoute } from './orders.js';
import { positionsRoute } from './positions.js';
import { restingOrderValueRoute } from './resting-order-value.js';
import type { Route } from './route.js';
import { setTargetBalanceAllocationRoute } from './set-target-balance-allocation.js';
import { settlementsRoute } from './settlements.js';
import { subaccountBalancesRoute } from './subaccount-balances.js';
import { subaccountNettingRoute } from './subaccount-netting.js';
import { subaccountTransfersRoute } from './subaccount-transfers.js';
import { targetBalanceAllocationRoute } from './target-balance-allocation.js';
import { updateSubaccountNettingRoute } from './update-subaccount-netting.js';
import { userDataTimestampRoute } from './user-data-timestamp.js';
import { withdrawalsRoute } from './withdrawals.js';

export const ROUTES: readonly Route[] = [
  balanceRoute,
  fillsRoute,
  restingOrderValueRoute,
  positionsRoute,
  settlementsRoute,
  depositsRoute,
  withdrawalsRoute,
  createSubaccountRoute,
  subaccountBalancesRoute,
  subaccountNettingRoute,
  updateSubaccountNettingRoute,
  subaccountTransfersRoute,
  applySubaccountTransferRoute,
  intraExchangeInstanceTransferRoute,
  intraExchangeInstanceTransfersRoute,
  intraExchangeInstanceTransferByIdRoute,
  targetBalanceAllocationRoute,
  setTargetBalanceAllocationRoute,
  historicalFillsRoute,
  historicalPositionsRoute,
  historicalCutoffRoute,
  ordersRoute,
  // Before {order_id}, which would match "queue_positions" too.
  orderQueuePositionsRoute,
  orderRoute,
  orderQueuePositionRoute,
  orderGroupsRoute,
  orderGroupRoute,
  historicalOrdersRoute,
  // v2 order writes: the batched paths before {order_id}, which would match "batched" too.
  createOrderV2Route,
  cancelAllOrdersRoute,
  batchCreateOrdersV2Route,
  batchCancelOrdersV2Route,
  cancelOrderV2Route,
  amendOrderV2Route,
  decreaseOrderV2Route,
  createOrderGroupRoute,
  deleteOrderGroupRoute,
  resetOrderGroupRoute,
  triggerOrderGroupRoute,
  updateOrderGroupLimitRoute,
  accountLimitsRoute,
  userDataTimestampRoute,
  marketRoute,
];

/** The operationId of a route: its operation name with the first letter lower-cased ("getFills"). */
export function operationIdOf(route: Route): string {
  return route.operation.charAt(0).toLowerCase() + route.operation.slice(1);
}

export interface RouteMatch {
  route: Route;
  pathParams: Record<string, string>;
}

/** Finds the route for a method and a path below the API prefix. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const parts = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const pathParams: Record<string, string> = {};
    const fits = pattern.every((seg, i) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m) return seg === parts[i];
      if (parts[i] === '') return false;
      try {
        pathParams[m[1]!] = decodeURIComponent(parts[i]!);
        return true;
      } catch {
        return false;
      }
    });
    if (fits) return { route, pathParams };
  }
  return undefined;
}
