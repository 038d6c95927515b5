/**
 * A fake Kalshi portfolio API server for tests and demos (Node only): signature-checking,
 * seeded, stateful, and able to misbehave on purpose.
 *
 * ```ts
 * const fake = await startFakeKalshi({ seed: 7 });
 * // point a client at fake.baseUrl, sign with fake.keyId / fake.privateKeyPem
 * await fake.close();
 * ```
 *
 * @module
 */

export { startFakeKalshi } from './server.js';
export { API_PREFIX } from './handler.js';
export type {
  AccountSnapshot,
  CashEntry,
  EventPositionEntry,
  FakeDataset,
  FakeKalshi,
  FakeKalshiOptions,
  FaultOptions,
  KeyPair,
  MarketInfo,
  MarketPositionEntry,
  RateLimitOptions,
  RecordedRequest,
  RequestOutcome,
  ScriptedResponse,
  SettlementEntry,
} from './types.js';
