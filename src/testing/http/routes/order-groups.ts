import type { GetOrderGroupsResponse } from '../../data/wire-types.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/** GET /portfolio/order_groups: subaccount (omitted = all). Every group, empty list included; not paged. */
export const orderGroupsRoute: Route = {
  method: 'GET',
  path: '/portfolio/order_groups',
  operation: 'GetOrderGroups',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const subaccount = q.subaccount();
    const groups = data.orderGroups.filter((e) => subaccount === undefined || e.subaccount === subaccount);
    return ok({ order_groups: groups.map((e) => ({ ...e.group })) } satisfies GetOrderGroupsResponse);
  },
};
