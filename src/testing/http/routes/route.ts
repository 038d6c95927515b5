/**
 * The shape of a route module. To add an operation, write a module exporting
 * a Route and list it in routes/index.ts.
 */

import type { Account } from '../../data/account.js';
import type { FakeDataset } from '../../data/dataset-types.js';
import type { GetAccountApiLimitsResponse } from '../../data/wire-types.js';

export interface RouteContext {
  query: URLSearchParams;
  data: FakeDataset;
  /** The mutable account (cash, subaccounts, settings, transfer histories). */
  account: Account;
  /** Values of `{name}` segments of the route path. */
  pathParams: Record<string, string>;
  /** Request body as text ('' when none). */
  body: string;
  /** The instant the account's data is current to, epoch microseconds (the runtime clock's). */
  asOfUs(): number;
  /**
   * The instant REST serves the account as of, epoch microseconds: `asOfUs()` less
   * `faults.restLagMs` (the same when there is no lag). Fills and orders created after it wait.
   */
  restAsOfUs(): number;
  /** GET /account/limits, from the `rateLimit` option. */
  apiLimits: GetAccountApiLimitsResponse;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path after `/trade-api/v2`; `{name}` matches one segment. */
  path: string;
  /**
   * Name used in validation messages, e.g. "GetFills"; with its first letter
   * lower-cased it is the operationId ("getFills") that `forbidden` takes.
   */
  operation: string;
  /** False for the few unsigned endpoints (default true). */
  signed?: boolean;
  /**
   * Throw a ParamError for bad parameters (bare shape), a BodyError for an
   * undecodable body (flat shape), a FakeApiError for a business rule (nested
   * shape); AccountErrors from the account are answered in the nested shape too.
   */
  handle(ctx: RouteContext): RouteResult;
}

export function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

export function created(body: unknown): RouteResult {
  return { status: 201, body };
}
