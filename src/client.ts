import { type Client, createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import { type IteratorName, type OperationId, iteratorTable, operationTable } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import { type CallEvent, type KalshiClientOptions, resolveConnection } from './config.js';
import { KalshiError, KalshiNetworkError } from './errors.js';
import { parseSuccessBody } from './http/success-body.js';
import { isCallerAbort } from './http/failure.js';
import { pathOf } from './http/url-path.js';
import { signatureFor } from './http/keys.js';
import { createServerClock } from './http/clock.js';
import { createAttemptPipeline } from './http/pipeline.js';
import { type RetryEvent, createRetryPolicy, resolveRetryOptions } from './http/retry.js';
import { createRequestSigner } from './http/signer.js';
import { selectTransport } from './http/transport/select.js';
import type { Answer } from './http/transport/types.js';
import {
  type CallOptions,
  type IteratorItem,
  type IteratorMethod,
  type OperationMethod,
  fillPath,
  prepareRequest,
} from './operations.js';
import type { AccountLimits } from './http/rate-limit.js';
import type { AllFillsQuery, CheckedFillsQuery } from './paging/fill-history.js';
import type { AllOrdersQuery } from './paging/order-history.js';
import { createSignedApi } from './signed-api.js';
import { browserRefusal, canStream } from './stream/availability.js';
import { lazyStream } from './stream/lazy.js';
import type { KalshiStream, StreamOptions } from './stream/types.js';
import { type ResponseCheck, loadResponseCheck } from './validation/load.js';

const decoder = new TextDecoder();

/**
 * A client made by {@link createKalshiClient}: a method per operation of the spec (named by its
 * operationId), an iterator per paginated list, `allFills`, and the typed openapi-fetch client `api`.
 */
export type KalshiClient = {
  /**
   * A plain openapi-fetch client, typed by the spec, whose calls take the same attempts as the
   * methods (signed, paced, retried). Its middleware (`client.api.use`) sees its own calls; the
   * methods are observed through the `hooks` option instead.
   */
  readonly api: Client<paths>;
  /** Where requests go, e.g. `https://external-api.kalshi.com/trade-api/v2`. */
  readonly baseUrl: string;
  /**
   * How far, in ms, this client sets its signing clock from the local one: 0 until Kalshi refuses
   * a request for its timestamp, then the offset learned from the refusal's `Date` header (the
   * request is signed again and sent once more). For logs: a large value means the local clock is off.
   */
  readonly clockOffsetMs: number;
  /**
   * Every fill of the account, newest first: the live ones, then the archived ones from before
   * Kalshi's historical cutoff, each exactly once even while the cutoff moves.
   */
  readonly allFills: (query?: AllFillsQuery, options?: CallOptions) => AsyncGenerator<IteratorItem<'fills'>, void, undefined>;
  /**
   * Every order of the account: the live ones (resting, and recently finished), then the archived
   * ones, each exactly once even while the historical cutoff moves.
   */
  readonly allOrders: (query?: AllOrdersQuery, options?: CallOptions) => AsyncGenerator<IteratorItem<'orders'>, void, undefined>;
  /**
   * The live portfolio over Kalshi's WebSocket: fills, position changes and order updates as they
   * happen, with no fill lost or doubled across reconnects (see {@link StreamOptions}). Throws a
   * `KalshiConfigError` at once in a browser, whose WebSocket cannot send the signed handshake.
   */
  readonly stream: (options?: StreamOptions) => KalshiStream;
} & { readonly [K in OperationId]: OperationMethod<K> } & { readonly [N in IteratorName]: IteratorMethod<N> };

/**
 * Creates a client. The key is parsed and imported here, once; requests only sign with it.
 * Rejects with a `KalshiConfigError` naming the problem when an option cannot work.
 */
export async function createKalshiClient(options: KalshiClientOptions): Promise<KalshiClient> {
  const connection = resolveConnection(options);
  const { hooks } = connection;
  const retry = createRetryPolicy(resolveRetryOptions(options.retry));
  // Loaded only when asked for: most apps never pace themselves, and a browser bundle stays small.
  const pacing = options.rateLimit === undefined ? undefined : await import('./http/rate-limit.js');
  const limiter =
    options.rateLimit === 'auto'
      ? pacing!.createAutoRateLimiter(() => call('getAccountApiLimits', undefined) as Promise<AccountLimits>, 'getAccountApiLimits')
      : options.rateLimit === undefined
        ? undefined
        : pacing!.createRateLimiter(options.rateLimit);
  const signature = await signatureFor(options.privateKey);
  const checkResponse: ResponseCheck | undefined = connection.validateResponses ? await loadResponseCheck() : undefined;
  const clock = createServerClock();
  const signer = createRequestSigner(connection.keyId, signature, clock.now);
  const transport = await selectTransport(connection.transport, connection.fetch, connection.maxResponseBytes);
  const retryObservers = [retry.options.onRetry, hooks.retry].filter((observer) => observer !== undefined);
  const send = createAttemptPipeline({
    signer,
    limiter,
    transport,
    timeoutMs: connection.timeoutMs,
    retry,
    clock,
    onRetry: retryObservers.length === 0 ? undefined : (event: RetryEvent) => retryObservers.forEach((observe) => observe(event)),
  });
  const api = createSignedApi(connection.baseUrl, send);
  const querySerializer = createQuerySerializer();
  // Whether a call's hooks need an event at all: without them, a call builds nothing for them.
  const observed = hooks.request !== undefined || hooks.response !== undefined || hooks.error !== undefined;

  /**
   * Every method call, and so every iterator page, takes this one way: the input is checked and
   * split by the operation table, the URL built by openapi-fetch's own serialisers, and the
   * request handed to the attempt pipeline as plain data with its operation, building neither a
   * `Request` nor a `Response` (the costliest steps of a small request after signing).
   */
  async function call(operationId: OperationId, input: unknown, callOptions?: CallOptions): Promise<unknown> {
    const entry = operationTable[operationId];
    const request = prepareRequest(operationId, input);
    if (request.body !== undefined) (await import('./validation/json-body.js')).checkJsonBody(operationId, request.body);
    // Serialised as a Request would: the same bytes on the wire as client.api sends.
    const url = new URL(createFinalURL(entry.path, { baseUrl: connection.baseUrl, params: request.params, querySerializer, pathSerializer: defaultPathSerializer })).href;
    // Only failures need the URL without its query spelled out, so it is built only for them.
    const target = () => ({ method: entry.method, url: connection.baseUrl + fillPath(entry.path, request.params.path) });
    const event: CallEvent | undefined = observed ? { operationId, method: entry.method, url, path: pathOf(url) } : undefined;
    const startedAt = event ? performance.now() : 0;
    if (event) hooks.request?.(event);
    try {
      const hasBody = request.body !== undefined;
      let answer: Answer;
      try {
        answer = await send(
          {
            method: entry.method,
            url,
            headers: hasBody ? { 'content-type': 'application/json' } : {},
            body: hasBody ? JSON.stringify(request.body) : undefined,
            signal: callOptions?.signal,
          },
          operationId,
        );
      } catch (error) {
        // The pipeline's failures are typed already; anything else is a bug worth seeing as one.
        if (error instanceof KalshiError || isCallerAbort(error, callOptions?.signal)) throw error;
        const { method, url: where } = target();
        throw new KalshiNetworkError(`${method} ${pathOf(where)} failed unexpectedly: ${String(error)}`, { cause: error });
      }
      const { status, bytes } = answer;
      if (event) hooks.response?.({ ...event, status, durationMs: performance.now() - startedAt });
      if (status < 200 || status >= 300) {
        // Reading error bodies is only needed when there is one: its code loads on the first error.
        const { apiErrorFrom, errorBodyOf } = await import('./http/wire-errors.js');
        throw apiErrorFrom(status, errorBodyOf(bytes), target(), { headers: answer.headers, sentKey: request.sentKey });
      }
      const data = parseSuccessBody(decoder.decode(bytes), status, target);
      checkResponse?.(operationId, status, data);
      const { sentKey } = request;
      return sentKey ? { ...data, [sentKey.field]: sentKey.value } : data;
    } catch (error) {
      if (event) hooks.error?.({ ...event, error, durationMs: performance.now() - startedAt });
      throw error;
    }
  }

  const client: Record<string, unknown> = {};
  Object.defineProperty(client, 'api', { value: api, enumerable: true });
  Object.defineProperty(client, 'baseUrl', { value: connection.baseUrl, enumerable: true });
  Object.defineProperty(client, 'clockOffsetMs', { get: () => clock.offsetMs, enumerable: true });
  for (const operationId of Object.keys(operationTable) as OperationId[]) {
    client[operationId] = (input?: unknown, callOptions?: CallOptions) => call(operationId, input, callOptions);
  }
  /** Every item of a paginated list. Paging loads with the first list walked: an app that only reads its balance never needs it. */
  async function* pagesOf<Item>(operationId: OperationId, field: string, query: unknown, callOptions?: CallOptions): AsyncGenerator<Item, void, undefined> {
    const { walkPages } = await import('./paging/walk-pages.js');
    yield* walkPages<Item>(operationId, field, query as Record<string, unknown> | undefined, (page) => call(operationId, page, callOptions) as never);
  }

  for (const [name, { operationId, field }] of Object.entries(iteratorTable)) {
    client[name] = (query?: Record<string, unknown>, callOptions?: CallOptions) => pagesOf(operationId, field, query, callOptions);
  }
  client['stream'] = (streamOptions?: StreamOptions) => {
    if (!canStream()) throw browserRefusal();
    type Schemas = import('../generated/schema.js').components['schemas'];
    const allFills = client['allFills'] as (query: AllFillsQuery, callOptions: CallOptions) => AsyncIterable<Schemas['Fill']>;
    return lazyStream(
      {
        baseUrl: connection.baseUrl,
        wsUrl: connection.wsUrl,
        signer,
        clock,
        retry: retry.options,
        // Live and archived: a catch-up whose window crosses the historical cutoff reads both.
        fills: (query, signal) => allFills({ ...query, limit: 1000 }, { signal }),
        orders: (query, signal) => pagesOf('getOrders', 'orders', { ...query, limit: 1000 }, { signal }),
        order: async (orderId, signal) => ((await call('getOrder', { order_id: orderId }, { signal })) as { order: Schemas['Order'] }).order,
        // GET /portfolio/positions answers for one subaccount (the primary when left out): ask each.
        async *positions(signal) {
          const { subaccount_balances: balances } = (await call('getSubaccountBalances', undefined, { signal })) as { subaccount_balances: { subaccount_number: number }[] };
          for (const subaccount of new Set([0, ...balances.map((b) => b.subaccount_number)])) {
            const pages = pagesOf<Schemas['MarketPosition']>('getPositions', 'market_positions', { subaccount, limit: 1000 }, { signal });
            for await (const position of pages) yield { subaccount, position };
          }
        },
        userDataTime: async (signal) => ((await call('getUserDataTimestamp', undefined, { signal })) as { as_of_time: string }).as_of_time,
      },
      streamOptions,
    );
  };
  client['allFills'] = async function* allFills(query?: AllFillsQuery, callOptions?: CallOptions) {
    // The merge of live and archived fills is loaded on first use, like the validators.
    const { fillHistory } = await import('./paging/fill-history.js');
    // Checked and converted as getFills takes it (a Date min_ts becomes seconds), since the merge compares it with the cutoff.
    const checked = prepareRequest('getFills', query).params.query as CheckedFillsQuery | undefined;
    yield* fillHistory(
      {
        live: (q) => pagesOf('getFills', 'fills', q, callOptions),
        historical: (q) => pagesOf('getFillsHistorical', 'fills', q, callOptions),
        cutoffSeconds: async () => {
          const cutoff = (await call('getHistoricalCutoff', undefined, callOptions)) as { trades_created_ts: string };
          return Math.floor(Date.parse(cutoff.trades_created_ts) / 1000);
        },
      },
      checked,
    );
  };
  client['allOrders'] = async function* allOrders(query?: AllOrdersQuery, callOptions?: CallOptions) {
    const { orderHistory } = await import('./paging/order-history.js');
    const pages = (operationId: 'getOrders' | 'getHistoricalOrders') => (q: AllOrdersQuery) => pagesOf<{ order_id: string }>(operationId, 'orders', q, callOptions);
    yield* orderHistory({ live: pages('getOrders'), historical: pages('getHistoricalOrders') }, query);
  };
  return Object.freeze(client) as KalshiClient;
}

