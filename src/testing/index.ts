/**
 * A fake Kalshi portfolio API server for tests and demos (Node only): signature-checking,
 * seeded, stateful, and able to misbehave on purpose.
 *
 * ```ts
 * const fake = await startFakeKalshi({ seed: 7 });
 * // point a client at fake.baseUrl (the stream: fake.wsUrl), sign with fake.keyId / fake.privateKeyPem
 * await fake.trade({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '3.00', price_dollars: '0.4200' });
 * await fake.close();
 * ```
 *
 * @module
 */

export { startFakeKalshi } from './http/server.js';
export { API_PREFIX } from './http/handler.js';
export { STREAM_PATH } from './http/stream/path.js';
export type { KeyPair } from './http/auth.js';
export type { FakeKalshi } from './http/fake-kalshi.js';
export type {
  FakeActivityOptions, FakeApiGrant, FakeBucketOptions, FakeKalshiOptions, FakeRateLimitOptions, FaultOptions, StreamStallOptions,
} from './http/options.js';
export type { StreamHandshake } from './http/stream/stream-server.js';
export type { FakeTradeInput } from './data/trade-input.js';
export type { RecordedRequest, RequestOutcome } from './http/recorded-request.js';
export type { ScriptedResponse } from './http/scripted-response.js';
export type { AccountSnapshot } from './data/account-snapshot.js';
export type {
  CashEntry,
  EventPositionEntry,
  FakeDataset,
  MarketInfo,
  MarketPositionEntry,
  OrderGroupEntry,
  SettlementEntry,
} from './data/dataset-types.js';
export { cashTerms } from './data/cash-identity.js';
export type { CashPot, CashRows, CashTerms } from './data/cash-identity.js';
