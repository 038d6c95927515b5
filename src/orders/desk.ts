/**
 * The order desk: Kalshi's v2 order writes with guard rails checked before anything is sent
 * (guards.ts, against each market's rules: market-rules.ts), exactly-once creation (the client's
 * idempotency module retries creates; exactly-once.ts finds an order whose answer was lost), and
 * answers checked before they are believed.
 */

import { type KalshiClient, createKalshiClient } from '../client.js';
import type { KalshiClientOptions } from '../config.js';
import { KalshiAlreadyAppliedError, KalshiApiError, KalshiConfigError, KalshiInputError } from '../errors.js';
import { formatCount, formatDollars, parseCount, parseDollars } from '../money.js';
import { KalshiBatchItemError, KalshiOrderAnswerError, KalshiOrderGuardError } from './errors.js';
import {
  type ExactlyOnceOptions, type FoundOrder, duplicateOf, findLostOrder, resolveExactlyOnce,
} from './exactly-once.js';
import { sendItemKeyedWrite } from '../http/idempotency.js';
import {
  type BookSide, type MarketRules, type OrderGuards, checkCountStep, checkLimits, checkMarketFit, countOf, orderCostMicros, priceOf, resolveGuards,
} from './guards.js';
import { type MarketDataCacheOptions, createMarketRulesCache, readMarketRules, refusalMayBeStale } from './market-rules.js';

/** How long an order may rest: until canceled, not at all (the rest is canceled), or all-or-nothing at once. */
export type TimeInForce = 'good_till_canceled' | 'immediate_or_cancel' | 'fill_or_kill';

/** One order, in Kalshi's terms: `side` is the direction on the single book, `price` the YES price. */
export interface PlaceOrderInput {
  ticker: string;
  /** `bid`: YES direction (buy YES, or sell NO). `ask`: NO direction (sell YES, or buy NO). */
  side: BookSide;
  /** The YES price in dollars, e.g. `"0.56"`; "buy NO at 40¢" is `side: 'ask', price: '0.60'`. */
  price: string;
  /** Contracts, e.g. `"10"` or `10`. */
  count: string | number;
  /** Default `good_till_canceled` (`immediate_or_cancel` with `reduceOnly`). */
  timeInForce?: TimeInForce;
  /** Default `taker_at_cross`. */
  selfTradePrevention?: 'taker_at_cross' | 'maker';
  postOnly?: boolean;
  /** Only shrink the position held; the order is sent `immediate_or_cancel`, as Kalshi requires. */
  reduceOnly?: boolean;
  /** Unix seconds. */
  expirationTime?: number;
  /** Your id for the order; default: a fresh UUID made before the first attempt. */
  clientOrderId?: string;
  subaccount?: number;
  orderGroupId?: string;
  cancelOrderOnPause?: boolean;
}

/** The order as placed. Counts are fixed-point strings, prices dollar strings. */
export interface PlacedOrder {
  orderId: string;
  clientOrderId: string;
  /** Contracts filled as it was placed (after a recovery: filled so far). */
  filled: string;
  /** Contracts left resting. */
  remaining: string;
  averageFillPrice: string | undefined;
  averageFeePaid: string | undefined;
  /** True when the answer was lost and the order was found among the account's orders instead. */
  recovered: boolean;
}

/** What `place(order, { dryRun: true })` returns: the exact signed request, never sent. */
export interface DryRunRequest {
  dryRun: true;
  method: string;
  url: string;
  /** Names in lower case, the three KALSHI-ACCESS-* headers included. */
  headers: Record<string, string>;
  body: string;
}

/** What a desk adds to the client's options: the guard rails, the market rules they check against, and the retry budget of creates. */
export interface OrderDeskOptions {
  /** Limits checked per order before it is sent. */
  guards?: OrderGuards;
  /**
   * Overrides where a market's rules come from (its price levels, contract step and status). Default:
   * the market's public data (`GET /markets/{ticker}`: `price_ranges`, `fractional_trading_enabled`,
   * `status`). Either way the answer is cached per ticker as `marketData` says.
   */
  marketRules?: (ticker: string) => MarketRules | Promise<MarketRules>;
  /** How long and how many markets' rules are kept. */
  marketData?: MarketDataCacheOptions;
  /** How an order whose answer was lost is looked for, and how batch creates are retried (single creates follow `retry`). */
  exactlyOnce?: ExactlyOnceOptions;
}

/** Places, changes and cancels orders exactly once, behind guard rails checked before anything is sent. */
export interface OrderDesk {
  /** The client the desk sends with (reads work as on any client). */
  readonly client: KalshiClient;
  /**
   * Places one order with a `client_order_id` made before the first attempt; retries 429, 5xx and
   * cut connections; a 409 for its own id after a lost answer resolves to the order placed.
   */
  place(order: PlaceOrderInput): Promise<PlacedOrder>;
  /** Returns the exact signed request the order would send, and sends nothing. */
  place(order: PlaceOrderInput, options: { dryRun: true }): Promise<DryRunRequest>;
  /** Several orders, split into batches the write bucket pays for; one result or typed error per order, in order. */
  placeBatch(orders: readonly PlaceOrderInput[]): Promise<Array<PlacedOrder | KalshiBatchItemError>>;
  /** Cancels an order; an answer naming another order is checked with a read of the one asked for. */
  cancel(orderId: string, options?: { subaccount?: number; ticker?: string }): Promise<{ orderId: string; clientOrderId: string | undefined; reducedBy: string | undefined; checkedByRead: boolean }>;
  /** Changes price or size (`count` = filled + wanted remaining); an answer naming another order is checked with a read. */
  amend(orderId: string, change: { ticker: string; side: BookSide; price: string; count: string | number; subaccount?: number; updatedClientOrderId?: string; expirationTime?: number }): Promise<{ orderId: string; remaining: string | undefined; filled: string | undefined; checkedByRead: boolean }>;
  /** Shrinks a resting order by `by` contracts, or to `to` contracts. */
  decrease(orderId: string, change: { by: string | number } | { to: string | number }, options?: { subaccount?: number; ticker?: string }): Promise<{ orderId: string; remaining: string }>;
  /** Cancels every resting order (of one subaccount, or all). */
  cancelAll(options?: { subaccount?: number }): Promise<void>;
  /** What this desk has committed so far toward `maxClientCostDollars`, in dollars. */
  committedDollars(): string;
  /** What orders in `ticker` are checked against: its price levels, contract step and status (read once, then cached). */
  marketRules(ticker: string): Promise<MarketRules>;
}

/** What one batch create costs per order in Write tokens, and one cancel (Kalshi's default table). */
const CREATE_TOKENS = 10;

/** Makes a desk with its own client (and, for dry runs, a second client whose requests never leave). */
export async function createOrderDesk(options: KalshiClientOptions & OrderDeskOptions): Promise<OrderDesk> {
  const { guards, marketRules, marketData, exactlyOnce, ...clientOptions } = options;
  const client = await createKalshiClient(clientOptions);
  let captured: DryRunRequest | undefined;
  let dryClient: Promise<KalshiClient> | undefined;
  const dryRun = async (body: Record<string, unknown>): Promise<DryRunRequest> => {
    dryClient ??= createKalshiClient({
      ...clientOptions,
      transport: 'fetch',
      retry: false,
      rateLimit: undefined,
      validateResponses: false,
      // Records the signed request and answers for the server, so nothing leaves this process.
      fetch: async (request) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, name) => (headers[name] = value));
        captured = { dryRun: true, method: request.method, url: request.url, headers, body: await request.text() };
        return new Response(JSON.stringify({ order_id: 'dry-run', fill_count: '0.00', remaining_count: '0.00', ts_ms: 0 }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    captured = undefined;
    await (await dryClient).createOrderV2(body as never);
    return captured!;
  };
  return orderDeskFor(client, { guards, marketRules, marketData, exactlyOnce }, dryRun);
}

/**
 * A desk on a client made elsewhere (the CLI's). Without the key it cannot sign a request it does
 * not send, so `dryRun` there is a `KalshiConfigError`.
 */
export function orderDeskFor(
  client: KalshiClient,
  options: OrderDeskOptions,
  dryRun: (body: Record<string, unknown>) => Promise<DryRunRequest> = async () => {
    throw new KalshiConfigError('a dry run signs the request it does not send, so it needs the key: make the desk with createOrderDesk');
  },
): OrderDesk {
  const { guards: guardOptions, marketRules, marketData, exactlyOnce } = options;
  const guards = resolveGuards(guardOptions);
  const settings = resolveExactlyOnce(exactlyOnce);
  const rules = createMarketRulesCache(
    async (ticker) => (marketRules ? marketRules(ticker) : readMarketRules((t) => client.getMarket({ ticker: t }), ticker)),
    marketData,
  );
  const rulesOf = (ticker: string) => rules.get(ticker);
  /** Runs a write in `ticker`; a refusal that may come from stale rules drops them, so the next order reads the market again. */
  const inMarket = async <T>(ticker: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (refusalMayBeStale(error)) rules.forget(ticker);
      throw error;
    }
  };
  let committed = 0n;
  let writeCapacity: Promise<number> | undefined;

  /** Checks an order against every rail and builds its body; throws before anything is sent. */
  async function prepare(order: PlaceOrderInput): Promise<{ body: Record<string, unknown>; cost: bigint; count: bigint; yesPrice: bigint }> {
    if (typeof order !== 'object' || order === null) throw new KalshiInputError('an order must be an object');
    if (typeof order.ticker !== 'string' || order.ticker.trim() === '') throw new KalshiOrderGuardError('ticker', `ticker must be a market ticker, got ${JSON.stringify(order.ticker)}`);
    if (order.side !== 'bid' && order.side !== 'ask') {
      throw new KalshiOrderGuardError('side', `side must be "bid" (YES direction: buy YES or sell NO) or "ask" (NO direction: sell YES or buy NO), got ${JSON.stringify(order.side)}`);
    }
    const yesPrice = priceOf(order.price, 'price');
    const count = countOf(order.count, 'count');
    if (order.reduceOnly && order.timeInForce !== undefined && order.timeInForce !== 'immediate_or_cancel') {
      throw new KalshiOrderGuardError('reduceOnly', `reduceOnly orders are sent immediate_or_cancel (Kalshi refuses them otherwise), got timeInForce ${order.timeInForce}`);
    }
    if (order.clientOrderId !== undefined && (typeof order.clientOrderId !== 'string' || order.clientOrderId === '')) {
      throw new KalshiOrderGuardError('clientOrderId', 'clientOrderId must be a non-empty string');
    }
    checkMarketFit(await rulesOf(order.ticker), yesPrice, count, order.ticker);
    const cost = orderCostMicros(order.side, yesPrice, count);
    checkLimits(guards, count, cost, committed);
    const body: Record<string, unknown> = {
      ticker: order.ticker,
      client_order_id: order.clientOrderId ?? crypto.randomUUID(),
      side: order.side,
      count: formatCount(count),
      price: formatDollars(yesPrice, { decimals: 4 }),
      time_in_force: order.timeInForce ?? (order.reduceOnly ? 'immediate_or_cancel' : 'good_till_canceled'),
      self_trade_prevention_type: order.selfTradePrevention ?? 'taker_at_cross',
    };
    if (order.postOnly !== undefined) body['post_only'] = order.postOnly;
    if (order.reduceOnly !== undefined) body['reduce_only'] = order.reduceOnly;
    if (order.expirationTime !== undefined) body['expiration_time'] = order.expirationTime;
    if (order.subaccount !== undefined) body['subaccount'] = order.subaccount;
    if (order.orderGroupId !== undefined) body['order_group_id'] = order.orderGroupId;
    if (order.cancelOrderOnPause !== undefined) body['cancel_order_on_pause'] = order.cancelOrderOnPause;
    return { body, cost, count, yesPrice };
  }

  const sameOrder = (body: Record<string, unknown>, reduceOnly: boolean) => (found: FoundOrder) =>
    found.ticker === body['ticker'] &&
    found.book_side === body['side'] &&
    parseDollars(found.yes_price_dollars) === parseDollars(body['price'] as string) &&
    // reduce_only may have been cut to the position held.
    (reduceOnly || parseCount(found.initial_count_fp) === parseCount(body['count'] as string));

  function recoveredFrom(found: FoundOrder): Omit<PlacedOrder, 'recovered'> {
    return { orderId: found.order_id, clientOrderId: found.client_order_id, filled: found.fill_count_fp, remaining: found.remaining_count_fp, averageFillPrice: undefined, averageFeePaid: undefined };
  }

  function fromAnswer(answer: Record<string, unknown> | undefined, clientOrderId: string): Omit<PlacedOrder, 'recovered'> {
    const orderId = answer?.['order_id'];
    if (typeof orderId !== 'string' || orderId === '') {
      throw new KalshiOrderAnswerError(`the server answered the create of client_order_id ${clientOrderId} with success but no order_id, so no order can be assumed placed: check the account's orders`, { clientOrderId });
    }
    return {
      orderId,
      clientOrderId: typeof answer!['client_order_id'] === 'string' ? (answer!['client_order_id'] as string) : clientOrderId,
      filled: String(answer!['fill_count'] ?? '0.00'),
      remaining: String(answer!['remaining_count'] ?? '0.00'),
      averageFillPrice: (answer!['average_fill_price'] as string | undefined) ?? undefined,
      averageFeePaid: (answer!['average_fee_paid'] as string | undefined) ?? undefined,
    };
  }

  async function place(order: PlaceOrderInput, placeOptions?: { dryRun?: boolean }): Promise<PlacedOrder | DryRunRequest> {
    const { body, cost } = await prepare(order);
    if (placeOptions?.dryRun) return dryRun(body);
    const clientOrderId = body['client_order_id'] as string;
    // Counted before sending: concurrent orders cannot together slip past maxClientCostDollars.
    committed += cost;
    try {
      // The client mints nothing here (the id is set above) and retries the create as any keyed
      // write (src/http/idempotency.ts): 429, 5xx and cut connections, with the same id.
      return await inMarket(order.ticker, async () => {
        try {
          return { ...fromAnswer((await client.createOrderV2(body as never)) as Record<string, unknown>, clientOrderId), recovered: false };
        } catch (error) {
          if (!(error instanceof KalshiAlreadyAppliedError)) throw error;
          if (!error.byEarlierAttempt) throw duplicateOf(error, clientOrderId);
          // An earlier attempt of this call placed the order and only its answer was lost: find it.
          const found = await findLostOrder(client, settings, { ticker: order.ticker, side: order.side, yesPrice: body['price'] as string, clientOrderId }, sameOrder(body, order.reduceOnly === true), error);
          return { ...recoveredFrom(found), recovered: true };
        }
      });
    } catch (error) {
      // Refused outright (not a lost answer): nothing was committed after all.
      if (error instanceof KalshiApiError && error.status < 500 && error.status !== 429) committed -= cost;
      if (error instanceof KalshiOrderGuardError || error instanceof KalshiInputError) committed -= cost;
      throw error;
    }
  }

  async function batchSize(): Promise<number> {
    writeCapacity ??= (client.getAccountApiLimits() as Promise<{ write: { bucket_capacity: number } }>).then((limits) => limits.write.bucket_capacity);
    try {
      return Math.max(1, Math.floor((await writeCapacity) / CREATE_TOKENS));
    } catch (error) {
      writeCapacity = undefined;
      throw error;
    }
  }

  async function placeBatch(orders: readonly PlaceOrderInput[]): Promise<Array<PlacedOrder | KalshiBatchItemError>> {
    if (!Array.isArray(orders) || orders.length === 0) throw new KalshiInputError('placeBatch takes a non-empty array of orders');
    // Every order passes the rails before any is sent: a batch is refused whole, never half-sent.
    const prepared = [];
    let batchCost = 0n;
    for (const order of orders) {
      const one = await prepare(order);
      batchCost += one.cost;
      checkLimits({ ...guards, maxContracts: undefined, maxCost: undefined }, 0n, batchCost, committed);
      prepared.push({ order, ...one });
    }
    committed += batchCost;
    const size = await batchSize();
    const results: Array<PlacedOrder | KalshiBatchItemError> = [];
    for (let start = 0; start < prepared.length; start += size) {
      const chunk = prepared.slice(start, start + size);
      const { value, mayHaveApplied } = await sendItemKeyedWrite(
        settings.batchRetry,
        async () => (await client.batchCreateOrdersV2({ orders: chunk.map((p) => p.body) } as never)) as { orders: Array<Record<string, unknown>> },
      );
      const items = value.orders ?? [];
      for (const [offset, prep] of chunk.entries()) {
        const index = start + offset;
        const clientOrderId = prep.body['client_order_id'] as string;
        const item = items[offset];
        const error = item?.['error'] as { code?: string; message?: string; details?: string } | null | undefined;
        if (!item) {
          results.push(new KalshiBatchItemError(index, { code: 'missing_item', message: 'the answer has no result for this order' }, { clientOrderId }));
        } else if (error && error.code?.startsWith('duplicate_client_order_id') && mayHaveApplied) {
          // An earlier attempt of this batch placed it and only its answer was lost.
          try {
            const found = await findLostOrder(client, settings, { ticker: prep.order.ticker, side: prep.order.side, yesPrice: prep.body['price'] as string, clientOrderId }, sameOrder(prep.body, prep.order.reduceOnly === true), undefined);
            results.push({ ...recoveredFrom(found), recovered: true });
          } catch {
            results.push(new KalshiBatchItemError(index, error, { clientOrderId }));
          }
        } else if (error) {
          rules.forget(prep.order.ticker);
          results.push(new KalshiBatchItemError(index, error, { clientOrderId }));
        } else {
          try {
            results.push({ ...fromAnswer(item, clientOrderId), recovered: false });
          } catch (answerError) {
            results.push(new KalshiBatchItemError(index, { code: 'no_order_id', message: (answerError as Error).message }, { clientOrderId }));
          }
        }
      }
    }
    return results;
  }

  /** A cancel or amend answer naming another order is checked against a read of the order asked for. */
  async function readOrder(orderId: string): Promise<Record<string, string>> {
    const { order } = (await client.getOrder({ order_id: orderId })) as unknown as { order: Record<string, string> };
    return order;
  }

  const desk: OrderDesk = {
    client,
    place: place as OrderDesk['place'],
    placeBatch,
    async cancel(orderId, cancelOptions) {
      const answer = (await client.cancelOrderV2({ order_id: orderId, subaccount: cancelOptions?.subaccount, market_ticker: cancelOptions?.ticker } as never)) as Record<string, unknown>;
      if (answer['order_id'] === orderId) {
        return { orderId, clientOrderId: answer['client_order_id'] as string | undefined, reducedBy: answer['reduced_by'] as string, checkedByRead: false };
      }
      const order = await readOrder(orderId);
      if (order['status'] !== 'canceled') {
        throw new KalshiOrderAnswerError(`the cancel of order ${orderId} was answered for order ${String(answer['order_id'])}, and order ${orderId} is still ${order['status']}`, { orderId });
      }
      return { orderId, clientOrderId: order['client_order_id'], reducedBy: undefined, checkedByRead: true };
    },
    async amend(orderId, change) {
      const yesPrice = priceOf(change.price, 'price');
      const count = countOf(change.count, 'count');
      checkMarketFit(await rulesOf(change.ticker), yesPrice, count, change.ticker);
      checkLimits(guards, count, orderCostMicros(change.side, yesPrice, count), 0n);
      const body: Record<string, unknown> = { order_id: orderId, ticker: change.ticker, side: change.side, price: formatDollars(yesPrice, { decimals: 4 }), count: formatCount(count) };
      if (change.subaccount !== undefined) body['subaccount'] = change.subaccount;
      if (change.updatedClientOrderId !== undefined) body['updated_client_order_id'] = change.updatedClientOrderId;
      if (change.expirationTime !== undefined) body['expiration_time'] = change.expirationTime;
      const answer = (await inMarket(change.ticker, () => client.amendOrderV2(body as never))) as Record<string, unknown>;
      if (answer['order_id'] === orderId) {
        return { orderId, remaining: (answer['remaining_count'] as string | null) ?? undefined, filled: (answer['fill_count'] as string | null) ?? undefined, checkedByRead: false };
      }
      const order = await readOrder(orderId);
      const applied = parseDollars(order['yes_price_dollars']!) === yesPrice && parseCount(order['initial_count_fp']!) === count;
      if (!applied) {
        throw new KalshiOrderAnswerError(`the amend of order ${orderId} was answered for order ${String(answer['order_id'])}, and order ${orderId} does not show the change`, { orderId });
      }
      return { orderId, remaining: order['remaining_count_fp'], filled: order['fill_count_fp'], checkedByRead: true };
    },
    async decrease(orderId, change, decreaseOptions) {
      const body: Record<string, unknown> = { order_id: orderId };
      const [field, amount] = 'by' in change ? ['by', countOf(change.by, 'by')] as const : 'to' in change ? ['to', countOf(change.to, 'to')] as const : [];
      if (field === undefined) throw new KalshiInputError('decrease takes { by } or { to }');
      body[field === 'by' ? 'reduce_by' : 'reduce_to'] = formatCount(amount);
      const ticker = decreaseOptions?.ticker;
      // With the market named, the amount is checked against its contract step (reducing to 0 cancels).
      if (ticker !== undefined && !(field === 'to' && amount === 0n)) checkCountStep(await rulesOf(ticker), amount, ticker, field);
      if (decreaseOptions?.subaccount !== undefined) body['subaccount'] = decreaseOptions.subaccount;
      if (ticker !== undefined) body['market_ticker'] = ticker;
      const send = () => client.decreaseOrderV2(body as never);
      const answer = (await (ticker === undefined ? send() : inMarket(ticker, send))) as Record<string, unknown>;
      if (answer['order_id'] !== orderId) {
        const order = await readOrder(orderId);
        return { orderId, remaining: order['remaining_count_fp']! };
      }
      return { orderId, remaining: answer['remaining_count'] as string };
    },
    async cancelAll(cancelOptions) {
      await client.cancelAllOrders(cancelOptions?.subaccount === undefined ? undefined : { subaccount: cancelOptions.subaccount });
    },
    committedDollars: () => formatDollars(committed, { decimals: 4 }),
    marketRules: rulesOf,
  };
  return desk;
}

