import { type Route, ok } from './route.js';

/**
 * GET /account/limits: the usage tier, the Read and Write buckets of the
 * `rateLimit` option in Kalshi's units (10 tokens per request), and grants.
 * Without the option: Kalshi's basic tier (which the fake does not enforce).
 */
export const accountLimitsRoute: Route = {
  method: 'GET',
  path: '/account/limits',
  operation: 'GetAccountApiLimits',
  handle({ apiLimits }) {
    return ok(structuredClone(apiLimits));
  },
};
