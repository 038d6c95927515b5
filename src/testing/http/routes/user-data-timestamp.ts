import { formatTime } from '../../data/time.js';
import type { GetUserDataTimestampResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/**
 * GET /exchange/user_data_timestamp: unsigned (answers with or without
 * signature headers, valid or not). `as_of_time` is the fake's data clock:
 * its "now" plus the wall time since it started, never before the latest
 * runtime trade, so everything the fake serves is current to it.
 */
export const userDataTimestampRoute: Route = {
  method: 'GET',
  path: '/exchange/user_data_timestamp',
  operation: 'GetUserDataTimestamp',
  signed: false,
  handle({ asOfUs }) {
    return ok({ as_of_time: formatTime(asOfUs(), 6) } satisfies GetUserDataTimestampResponse);
  },
};
