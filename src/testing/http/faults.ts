/** Injected trouble: the seeded fault each request draws. */

import { subRng } from '../data/prng.js';
import type { FaultOptions } from './options.js';

export type Fault =
  | { kind: 'none' }
  | { kind: 'tooManyRequests' }
  | { kind: 'serverError'; status: 500 | 502 | 503; body: 'json' | 'html' | 'empty' }
  | { kind: 'connectionReset' };

export interface FaultPlan {
  /** The fault for the next request; drawn once per request that reaches an operation and passes auth, in arrival order. */
  next(): Fault;
}

const STATUSES = [500, 502, 503] as const;
const BODIES = ['json', 'html', 'empty'] as const;

/**
 * One draw from a seeded PRNG per request picks the fault by cumulative
 * shares (too many requests, then server errors, then resets). Server errors
 * rotate through all nine (status, body) pairs: the k-th one has status
 * STATUSES[k % 3] and body BODIES[floor(k / 3) % 3].
 */
export function createFaultPlan(seed: number, faults: FaultOptions): FaultPlan {
  const rng = subRng(seed, 'faults');
  const tooMany = faults.tooManyRequests ?? 0;
  const server = tooMany + (faults.serverErrors ?? 0);
  const reset = server + (faults.connectionResets ?? 0);
  let serverErrorCount = 0;
  return {
    next() {
      const r = rng();
      if (r < tooMany) return { kind: 'tooManyRequests' };
      if (r < server) {
        const k = serverErrorCount++;
        return { kind: 'serverError', status: STATUSES[k % 3]!, body: BODIES[Math.floor(k / 3) % 3]! };
      }
      if (r < reset) return { kind: 'connectionReset' };
      return { kind: 'none' };
    },
  };
}

/**
 * The instant REST shows the account as of, epoch microseconds: the data clock's, less
 * `faults.restLagMs`. Rows created after it are not served yet (the stream has already sent them).
 */
export function restAsOfUs(dataAsOfUs: number, restLagMs: number): number {
  return dataAsOfUs - restLagMs * 1000;
}
