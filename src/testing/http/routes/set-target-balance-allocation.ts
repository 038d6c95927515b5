import type { RestingMarginReservation } from '../../data/wire-types.js';
import { readBody } from '../body.js';
import { type Route, ok } from './route.js';

const RESERVATIONS: readonly RestingMarginReservation[] = ['none', 'max', 'sum'];

/**
 * POST /portfolio/target_balance_allocation: {allocations: [{exchange_index,
 * percent 0..100}], resting_margin_reservation? (none | max | sum, default
 * sum)}. Replaces the allocation -> 200 {}. Percentages must add up to 100
 * (an empty list turns rebalancing off), each shard known and listed once,
 * else 400 (nested). May be forbidden (403) by the `forbidden` option.
 */
export const setTargetBalanceAllocationRoute: Route = {
  method: 'POST',
  path: '/portfolio/target_balance_allocation',
  operation: 'SetTargetBalanceAllocation',
  handle({ body, account }) {
    const b = readBody(body, this.operation);
    const allocations = b.requiredObjects('allocations').map((item) => ({
      exchange_index: item.requiredInt('exchange_index', { min: 0 }),
      percent: item.requiredInt('percent', { min: 0, max: 100 }),
    }));
    const reservation = b.optionalEnum('resting_margin_reservation', RESERVATIONS) ?? 'sum';
    account.setAllocation(allocations, reservation);
    return ok({});
  },
};
