/** The handle `startFakeKalshi` returns. */

import type { AccountSnapshot } from '../data/account-snapshot.js';
import type { FakeDataset } from '../data/dataset-types.js';
import type { FakeTradeInput } from '../data/trade-input.js';
import type { Fill } from '../data/wire-types.js';
import type { KeyPair } from './auth.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ScriptedResponse } from './scripted-response.js';
import type { StreamHandshake } from './stream/stream-server.js';

/** A running fake Kalshi: where it listens, the key it issued, its data and state, what it saw, and `close()`. */
export interface FakeKalshi {
  /** `http://127.0.0.1:${port}/trade-api/v2` */
  baseUrl: string;
  /** `ws://127.0.0.1:${port}/trade-api/ws/v2`: the portfolio stream, on the same port. */
  wsUrl: string;
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
   * historical fills, positions and orders endpoints serve, from the next request on.
   */
  setHistoricalCutoff(cutoffMs: number | null): void;
  /** Every request seen, in arrival order (live array). */
  requests: RecordedRequest[];
  /**
   * Queues answers served, in order, to the next requests that reach an operation (authenticated
   * ones, and requests to the unsigned GET /historical/cutoff) instead of the normal answer.
   */
  queueResponses(...responses: ScriptedResponse[]): void;
  /**
   * Makes one trade of subaccount 0 happen now and resolves to the REST fill it created. The
   * fill is in GET /portfolio/fills at once (newest, stamped `data.now` plus the wall time since
   * the fake started), and the order behind it in GET /portfolio/orders (`executed`, the fill's
   * `order_id` and count), the market position moves (see the README for the rule), and every
   * stream connection subscribed to the market gets a `fill`, a `market_position` and a
   * `user_order` message. Rejects with a RangeError, changing nothing, for an unknown or closed
   * market or a bad side, count or price.
   */
  trade(input: FakeTradeInput): Promise<Fill>;
  /**
   * Breaks every subscription of every open stream connection: each is gone (no more data until
   * the client subscribes again) and, as Kalshi does, the error names no sid: one
   * `{"type":"error","msg":{"code":code,"msg":…}}` per subscription, or with
   * `{ inAnswerToNextCommand: true }` a single one carrying the `id` of the connection's next
   * command, in place of that command's reply. Default code 10 (channel error); 17 and 25 are
   * also terminal.
   */
  breakSubscriptions(code?: number, options?: { inAnswerToNextCommand?: boolean }): void;
  /** Every WebSocket handshake attempt, accepted or refused, in arrival order (live array). */
  streamHandshakes: StreamHandshake[];
  /**
   * Closes the server, every open socket (idle keep-alive ones included), every stream
   * connection (abruptly) and the background activity.
   */
  close(): Promise<void>;
}
