/**
 * kalshi-portfolio: a typed, signed, runtime-agnostic client for Kalshi's portfolio API.
 *
 * ```ts
 * const client = await createKalshiClient({ keyId, privateKey: pem });
 * const { balance_dollars } = await client.getBalance();
 * for await (const fill of client.fills({ ticker })) console.log(fill.count_fp);
 * ```
 *
 * @module
 */
export { createKalshiClient, type KalshiClient } from './client.js';
export type {
  CallOptions,
  IteratorItem,
  IteratorMethod,
  OperationInput,
  OperationMethod,
  OperationResult,
} from './operations.js';
export {
  ENVIRONMENTS,
  type CallErrorEvent,
  type CallEvent,
  type KalshiClientOptions,
  type KalshiEnvironment,
  type KalshiHooks,
  type ResponseEvent,
} from './config.js';
export { kalshiAuth, type KalshiAuthOptions } from './auth-middleware.js';
export {
  KalshiAlreadyAppliedError,
  KalshiApiError,
  KalshiAuthError,
  KalshiConfigError,
  KalshiContractError,
  KalshiError,
  KalshiInputError,
  KalshiMalformedResponseError,
  KalshiNetworkError,
  KalshiPaginationError,
  KalshiRateLimitError,
  KalshiRedirectError,
  KalshiResponseError,
  KalshiResponseTooLargeError,
  KalshiStreamError,
  KalshiTimeoutError,
  type ApiErrorFields,
  type ContractMismatch,
  type SchemaViolation,
} from './errors.js';
export type { RetryEvent, RetryOptions } from './http/retry.js';
export {
  MICROS_PER_CENT,
  MICROS_PER_DOLLAR,
  addCounts,
  addDollars,
  centsToMicros,
  compareCounts,
  compareDollars,
  formatCount,
  formatDollars,
  microsToCents,
  parseCount,
  parseDollars,
  subtractCounts,
  subtractDollars,
} from './money.js';
export {
  directionLabel,
  directionOf,
  fillEffect,
  type Direction,
  type DirectionFields,
  type FillEffect,
  type FillLike,
} from './direction.js';
export type { AllFillsQuery } from './paging/fill-history.js';
export type { AllOrdersQuery } from './paging/order-history.js';
export type {
  EventSource,
  FillEvent,
  KalshiStream,
  MarketPositionEvent,
  OrderGroupUpdateEvent,
  StatusEvent,
  StreamEvent,
  UserOrderEvent,
  StreamOptions,
} from './stream/types.js';
export type {
  BookSide,
  OutcomeSide,
  StreamChannel,
  StreamFill,
  StreamMarketPosition,
  StreamOrder,
  StreamOrderGroupUpdate,
} from '../generated/stream.js';
export { RATE_LIMIT_TIERS, type RateLimitTier } from './http/rate-limit-tiers.js';
export type { RateLimitOption, RateLimitSettings } from './http/rate-limit.js';
export type { FetchLike, TransportOption } from './http/transport/types.js';
export { operationTable, iteratorTable, type IteratorName, type OperationId } from '../generated/operations.js';
export type * from '../generated/schema.js';
export {
  CENT_MARKET, KalshiBatchItemError, KalshiDuplicateClientOrderIdError, KalshiOrderAnswerError, KalshiOrderGuardError, createOrderDesk, kalshiSide, orderDeskFor,
  orderCostMicros, type DryRunRequest, type ExactlyOnceOptions, type MarketDataCacheOptions, type MarketRules, type OrderDesk, type OrderDeskOptions,
  type OrderGuards, type PlaceOrderInput, type PlacedOrder, type PriceBand, type TimeInForce,
} from './orders/index.js';
