import { formatTime } from '../../data/time.js';
import type { GetUserDataTimestampResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/**
 * GET /exchange/user_data_timestamp: unsigned (answers with or without
 * signature headers, valid or not). `as_of_time` is the fake's data clock:
 * its "now" plus the wall time since it started, never before the latest
 * runtime trade, so everything the fake serves is current to it; less
 * `faults.restLagMs` when REST is made to trail the stream.
 */
export const userDataTimestampRoute: Route = {
  method: 'GET',
  path: '/exchange/user_data_timestamp',
  operation: 'GetUserDataTimestamp',
  signed: false,
  handle({ restAsOfUs }) {
    return ok({ as_of_time: formatTime(restAsOfUs(), 6) } satisfies GetUserDataTimestampResponse);
  },
};
