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
  AccountSnapshot,
  ApplySubaccountTransferRequest,
  CashEntry,
  Count,
  CreateSubaccountRequest,
  CreateSubaccountResponse,
  Deposit,
  Dollars,
  EventPosition,
  EventPositionEntry,
  ExchangeInstance,
  FakeDataset,
  FakeKalshi,
  FakeKalshiOptions,
  FaultOptions,
  Fill,
  GetBalanceResponse,
  GetDepositsResponse,
  GetFillsResponse,
  GetHistoricalCutoffResponse,
  GetIntraExchangeInstanceTransferResponse,
  GetIntraExchangeInstanceTransfersResponse,
  GetPortfolioRestingOrderTotalValueResponse,
  GetPositionsResponse,
  GetSettlementsResponse,
  GetSubaccountBalancesResponse,
  GetSubaccountNettingResponse,
  GetSubaccountTransfersResponse,
  GetTargetBalanceAllocationResponse,
  GetWithdrawalsResponse,
  IndexedBalance,
  IntraExchangeInstanceTransfer,
  IntraExchangeInstanceTransferRequest,
  IntraExchangeInstanceTransferResponse,
  IntraExchangeInstanceTransferStatus,
  KeyPair,
  MarketInfo,
  MarketPosition,
  MarketPositionEntry,
  MoneyMovement,
  RateLimitOptions,
  RecordedRequest,
  RequestOutcome,
  RestingMarginReservation,
  ScriptedResponse,
  SetTargetBalanceAllocationRequest,
  Settlement,
  SettlementEntry,
  SubaccountBalance,
  SubaccountNettingConfig,
  SubaccountTransfer,
  TargetBalanceAllocation,
  UpdateSubaccountNettingRequest,
  Withdrawal,
} from './types.js';
