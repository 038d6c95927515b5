/**
 * The route table and path matching. Add an operation by writing a route
 * module and listing it here.
 */

import { applySubaccountTransferRoute } from './applySubaccountTransfer.js';
import { balanceRoute } from './balance.js';
import { createSubaccountRoute } from './createSubaccount.js';
import { depositsRoute } from './deposits.js';
import { fillsRoute } from './fills.js';
import { historicalCutoffRoute } from './historicalCutoff.js';
import { historicalFillsRoute } from './historicalFills.js';
import { historicalPositionsRoute } from './historicalPositions.js';
import { intraExchangeInstanceTransferRoute } from './intraExchangeInstanceTransfer.js';
import { intraExchangeInstanceTransferByIdRoute } from './intraExchangeInstanceTransferById.js';
import { intraExchangeInstanceTransfersRoute } from './intraExchangeInstanceTransfers.js';
import { positionsRoute } from './positions.js';
import { restingOrderValueRoute } from './restingOrderValue.js';
import type { Route } from './route.js';
import { setTargetBalanceAllocationRoute } from './setTargetBalanceAllocation.js';
import { settlementsRoute } from './settlements.js';
import { subaccountBalancesRoute } from './subaccountBalances.js';
import { subaccountNettingRoute } from './subaccountNetting.js';
import { subaccountTransfersRoute } from './subaccountTransfers.js';
import { targetBalanceAllocationRoute } from './targetBalanceAllocation.js';
import { updateSubaccountNettingRoute } from './updateSubaccountNetting.js';
import { withdrawalsRoute } from './withdrawals.js';

export type { Route, RouteContext, RouteResult } from './route.js';

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
