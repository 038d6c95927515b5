/** The handle `startFakeKalshi` returns. */

import type { AccountSnapshot } from '../data/account-snapshot.js';
import type { FakeDataset } from '../data/dataset-types.js';
import type { KeyPair } from './auth.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ScriptedResponse } from './scripted-response.js';

/** A running fake Kalshi: where it listens, the key it issued, its data and state, what it saw, and `close()`. */
export interface FakeKalshi {
  /** `http://127.0.0.1:${port}/trade-api/v2` */
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
  /** Generates and registers another key pair for the same account. */
  addKey(): Promise<KeyPair>;
  /** The seeded dataset; `cutoff` and the live/historical views follow `setHistoricalCutoff`. */
  data: FakeDataset;
  /**
   * The account as it is now (a fresh copy on every read): cash after transfers, subaccounts,
   * netting, transfer histories, target balance allocation.
   */
  readonly state: AccountSnapshot;
  /**
   * Moves the historical cutoff (ms since the epoch; null = nothing archived). Updates
   * `data.cutoff` and the live/historical views, GET /historical/cutoff and what the live and
   * historical fills and positions endpoints serve, from the next request on.
   */
  setHistoricalCutoff(cutoffMs: number | null): void;
  /** Every request seen, in arrival order (live array). */
  requests: RecordedRequest[];
  /**
   * Queues answers served, in order, to the next requests that reach an operation (authenticated
   * ones, and requests to the unsigned GET /historical/cutoff) instead of the normal answer.
   */
  queueResponses(...responses: ScriptedResponse[]): void;
  /** Closes the server and every open socket, idle keep-alive ones included. */
  close(): Promise<void>;
}
