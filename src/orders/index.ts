/** Placing, changing and cancelling orders (Kalshi's v2 writes): guard rails, exactly-once creation, checked answers. */
export {
  createOrderDesk, orderDeskFor, type DryRunRequest, type OrderDesk, type OrderDeskOptions, type PlaceOrderInput, type PlacedOrder, type TimeInForce,
} from './desk.js';
export { KalshiBatchItemError, KalshiDuplicateClientOrderIdError, KalshiOrderAnswerError, KalshiOrderGuardError } from './errors.js';
export type { ExactlyOnceOptions } from './exactly-once.js';
export { CENT_MARKET, type MarketRules, type OrderGuards, type PriceBand, kalshiSide, orderCostMicros } from './guards.js';
export type { MarketDataCacheOptions } from './market-rules.js';
