/**
 * A fake Kalshi portfolio API server for tests and demos (Node only).
 *
 *   const fake = await startFakeKalshi({ seed: 7 });
 *   // point a client at fake.baseUrl, sign with fake.keyId / fake.privateKeyPem
 *   await fake.close();
 */

export { startFakeKalshi } from './server.js';
export { API_PREFIX } from './handler.js';
export { formatCount, formatDollars, parseCount, parseDollars } from './fixed.js';
export type {
  CashEntry,
  Count,
  Dollars,
  EventPosition,
  EventPositionEntry,
  FakeDataset,
  FakeKalshi,
  FakeKalshiOptions,
  FaultOptions,
  Fill,
  GetBalanceResponse,
  GetFillsResponse,
  GetPortfolioRestingOrderTotalValueResponse,
  GetPositionsResponse,
  GetSettlementsResponse,
  IndexedBalance,
  KeyPair,
  MarketInfo,
  MarketPosition,
  MarketPositionEntry,
  RateLimitOptions,
  RecordedRequest,
  RequestOutcome,
  ScriptedResponse,
  Settlement,
  SettlementEntry,
} from './types.js';
