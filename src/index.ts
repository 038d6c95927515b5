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
export {
  createKalshiClient,
  type CallOptions,
  type IteratorItem,
  type IteratorMethod,
  type KalshiClient,
  type OperationInput,
  type OperationMethod,
  type OperationResult,
} from './client.js';
export { ENVIRONMENTS, type KalshiClientOptions, type KalshiEnvironment } from './config.js';
export {
  KalshiAlreadyAppliedError,
  KalshiApiError,
  KalshiAuthError,
  KalshiConfigError,
  KalshiError,
  KalshiInputError,
  KalshiNetworkError,
  KalshiPaginationError,
  KalshiRateLimitError,
  KalshiTimeoutError,
  type ApiErrorFields,
} from './errors.js';
export type { RetryEvent, RetryOptions } from './retry.js';
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
export type { AllFillsQuery } from './history.js';
export { KalshiContractError, type ContractMismatch, type SchemaViolation } from './contract.js';
export { RATE_LIMIT_TIERS, type RateLimitOption, type RateLimitSettings, type RateLimitTier } from './rate-limit.js';
export type { FetchLike } from './transport.js';
export type { TransportOption } from './node-transport.js';
export { operationTable, iteratorTable, type IteratorName, type OperationId } from '../generated/operations.js';
export type * from '../generated/schema.js';
