import { findOrderGroup, groupOrderIds } from '../../data/order-views.js';
import type { GetOrderGroupResponse } from '../../data/wire-types.js';
import { FakeApiError } from '../api-error.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/order_groups/{order_group_id}: subaccount (omitted = any).
 * The group's settings and the ids of every order that names it (live and
 * historical, newest first). Unknown id, or a group of another subaccount
 * than the one asked for -> 404 not_found.
 */
export const orderGroupRoute: Route = {
  method: 'GET',
  path: '/portfolio/order_groups/{order_group_id}',
  operation: 'GetOrderGroup',
  handle({ pathParams, query, data }) {
    const q = readQuery(query, this.operation);
    const subaccount = q.subaccount();
    const id = pathParams['order_group_id']!;
    const entry = findOrderGroup(data, id, subaccount);
    if (!entry) throw new FakeApiError(404, 'not_found', 'order group not found', `no order group ${id}`);
    const { contracts_limit_fp, is_auto_cancel_enabled, exchange_index } = entry.group;
    const body: GetOrderGroupResponse = contracts_limit_fp === undefined
      ? { is_auto_cancel_enabled, orders: groupOrderIds(data, id), exchange_index }
      : { is_auto_cancel_enabled, contracts_limit_fp, orders: groupOrderIds(data, id), exchange_index };
    return ok(body);
  },
};
