/**
 * A fake Kalshi portfolio API server for tests and demos (Node only): signature-checking,
 * seeded, stateful, and able to misbehave on purpose. Its sample account is one consistent
 * history (positions, settlements, orders and cash follow from the fills by Kalshi's rules;
 * `cashTerms` states the cash identity). Documented in the package's `docs/testing.md`.
 *
 * Units: `fake.data.now` and `fake.data.cutoff` are milliseconds since the epoch; market times
 * (`open_ts`, `close_ts`, `settlement_ts`) and every `*_ts` of the wire rows are Unix seconds.
 *
 * ```ts
 * const fake = await startFakeKalshi({ seed: 7 });
 * // point a client at fake.baseUrl (the stream: fake.wsUrl), sign with fake.keyId / fake.privateKeyPem
 * await fake.trade({ ticker, outcome_side: 'yes', count_fp: '3.00', price_dollars: '0.4200' }); // buys YES (or sells NO)
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
