/**
 * The route table and path matching. Add an operation by writing a route
 * module and listing it here.
 */

import { balanceRoute } from './balance.js';
import { fillsRoute } from './fills.js';
import { positionsRoute } from './positions.js';
import { restingOrderValueRoute } from './restingOrderValue.js';
import type { Route } from './route.js';
import { settlementsRoute } from './settlements.js';

export type { Route, RouteContext, RouteResult } from './route.js';

export const ROUTES: readonly Route[] = [
  balanceRoute,
  fillsRoute,
  restingOrderValueRoute,
  positionsRoute,
  settlementsRoute,
];

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
