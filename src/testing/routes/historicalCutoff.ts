import { cutoffResponse } from '../historical.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/cutoff: unsigned (answers with or without signature
 * headers, valid or not). Every cutoff is the dataset's current one.
 */
export const historicalCutoffRoute: Route = {
  method: 'GET',
  path: '/historical/cutoff',
  operation: 'GetHistoricalCutoff',
  signed: false,
  handle({ data }) {
    return ok(cutoffResponse(data.cutoff));
  },
};
