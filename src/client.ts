import createClient, { type Client } from 'openapi-fetch';
import {
  type IteratorName,
  type OperationId,
  iteratorTable,
  operationTable,
} from '../generated/operations.js';
import type { operations, paths } from '../generated/schema.js';
import { authMiddleware, createRequestSigner } from './auth.js';
import { type KalshiClientOptions, resolveConnection } from './config.js';
import { type ResponseCheck, loadResponseCheck } from './contract.js';
import { importSigningKey } from './keys.js';
import { nodeTransport } from './node-transport.js';
import { type AllFillsQuery, fillHistory } from './history.js';
import { paginate } from './pagination.js';
import { createRateLimiter, rateLimitMiddleware } from './rate-limit.js';
import { resolveRetryOptions, retryMiddleware } from './retry.js';
import { fetchTransport, transportErrorFrom } from './transport.js';
import { apiErrorFrom } from './wire-errors.js';
import { KalshiAlreadyAppliedError, KalshiConfigError, KalshiInputError } from './errors.js';
import { parseErrorBody } from './wire-errors.js';

type Operation<K extends OperationId> = operations[K];
type Defined<T> = Exclude<T, undefined>;
type QueryOf<K extends OperationId> = Defined<Operation<K>['parameters']['query']>;
type PathParamsOf<K extends OperationId> = Defined<Operation<K>['parameters']['path']>;
type BodyOf<K extends OperationId> = Operation<K> extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;
type Merge<A, B> = [A] extends [never] ? ([B] extends [never] ? undefined : B) : [B] extends [never] ? A : A & B;
type IdempotencyKeyOf<K extends OperationId> = (typeof operationTable)[K]['idempotencyKey'];
/** The idempotency key is the client's to fill in, so the caller may leave it out. */
type WithOptionalKey<T, Key> = Key extends string & keyof T ? Omit<T, Key> & Partial<Pick<T, Key>> : T;

/**
 * What an operation method takes: the request body for writes; otherwise its query and path
 * parameters side by side.
 */
export type OperationInput<K extends OperationId> = [BodyOf<K>] extends [never]
  ? Merge<QueryOf<K>, PathParamsOf<K>>
  : WithOptionalKey<BodyOf<K>, IdempotencyKeyOf<K>>;

type SuccessBody<K extends OperationId> = {
  [S in keyof Operation<K>['responses']]: S extends 200 | 201 | 202
    ? Operation<K>['responses'][S] extends { content: { 'application/json': infer Body } }
      ? Body
      : undefined
    : never;
}[keyof Operation<K>['responses']];

/** The body of an operation's success response; for idempotent writes, with the key that was used. */
export type OperationResult<K extends OperationId> = IdempotencyKeyOf<K> extends string
  ? SuccessBody<K> & Record<IdempotencyKeyOf<K>, string>
  : SuccessBody<K>;

/** Per-call settings, the second argument of every operation method and iterator. */
export interface CallOptions {
  /** Aborts the call (and any retry it is waiting for). */
  signal?: AbortSignal;
}

type InputArgs<T> = T extends undefined
  ? [input?: undefined, options?: CallOptions]
  : {} extends T
    ? [input?: T, options?: CallOptions]
    : [input: T, options?: CallOptions];

/** The client method for operation `K`: takes its input, resolves to its success body, rejects with a typed error. */
export type OperationMethod<K extends OperationId> = (...args: InputArgs<OperationInput<K>>) => Promise<OperationResult<K>>;

type IteratorOperation<N extends IteratorName> = (typeof iteratorTable)[N]['operationId'];
type IteratorField<N extends IteratorName> = (typeof iteratorTable)[N]['field'];

/** One item of an iterator, e.g. a `Fill` for `client.fills()`. */
export type IteratorItem<N extends IteratorName> =
  OperationResult<IteratorOperation<N>> extends infer Page
    ? Page extends Record<IteratorField<N>, ReadonlyArray<infer Item>>
      ? Item
      : never
    : never;

/** The client iterator `N`: every item across every page of its list operation, for `for await`. */
export type IteratorMethod<N extends IteratorName> = (
  query?: Omit<Defined<OperationInput<IteratorOperation<N>>>, 'cursor'>,
  options?: CallOptions,
) => AsyncGenerator<IteratorItem<N>, void, undefined>;

/**
 * A client made by {@link createKalshiClient}: a method per operation of the spec (named by its
 * operationId), an iterator per paginated list, `allFills`, and the typed openapi-fetch client `api`.
 */
export type KalshiClient = {
  /** The underlying openapi-fetch client, typed by the spec, with signing and retries installed. */
  readonly api: Client<paths>;
  /** Where requests go, e.g. `https://external-api.kalshi.com/trade-api/v2`. */
  readonly baseUrl: string;
  /**
   * Every fill of the account, newest first: the live ones, then the archived ones from before
   * Kalshi's historical cutoff, each exactly once even while the cutoff moves.
   */
  readonly allFills: (query?: AllFillsQuery, options?: CallOptions) => AsyncGenerator<IteratorItem<'fills'>, void, undefined>;
} & { readonly [K in OperationId]: OperationMethod<K> } & { readonly [N in IteratorName]: IteratorMethod<N> };

type OperationEntry = (typeof operationTable)[OperationId];

/**
 * Creates a client. The key is parsed and imported here, once; requests only sign with it.
 * Rejects with a `KalshiConfigError` naming the problem when an option cannot work.
 */
export async function createKalshiClient(options: KalshiClientOptions): Promise<KalshiClient> {
  const connection = resolveConnection(options);
  const retry = resolveRetryOptions(options.retry);
  const key = await importSigningKey(options.privateKey);
  const signer = createRequestSigner(connection.keyId, key);
  const checkResponse: ResponseCheck | undefined = connection.validateResponses ? await loadResponseCheck() : undefined;
  const limiter = options.rateLimit === undefined ? undefined : createRateLimiter(options.rateLimit);
  const undiciTransport = await nodeTransport(connection.transport);
  const transport = undiciTransport ?? fetchTransport(connection.fetch);
  if (connection.transport === 'undici' && !undiciTransport) {
    throw new KalshiConfigError('transport "undici" needs Node with the undici package installed; use "auto" to fall back to fetch elsewhere');
  }

  const routes = new Map<string, OperationEntry>(
    Object.values(operationTable).map((entry) => [`${entry.method} ${entry.path}`, entry]),
  );
  // A path outside the spec (reachable only by casting around client.api's types) is treated as signed, and retried only if it is a GET.
  const isSigned = (method: string, schemaPath: string) => routes.get(`${method} ${schemaPath}`)?.signed ?? true;
  const isRetryable = (method: string, schemaPath: string) =>
    routes.get(`${method} ${schemaPath}`)?.idempotent ?? method === 'GET';

  const api = createClient<paths>({
    baseUrl: connection.baseUrl,
    fetch: (request: Request) => transport(request, connection.timeoutMs),
  });
  // Every attempt, first or retried, waits for the rate limiter, then signs: a timestamp is
  // taken only when the request is about to leave.
  const prepareAttempt = async (request: Request, schemaPath: string) => {
    await limiter?.acquire(request);
    return isSigned(request.method, schemaPath) ? signer.sign(request) : request;
  };
  const attempts = new WeakMap<Response, number>();
  if (limiter) api.use(rateLimitMiddleware(limiter));
  api.use(
    authMiddleware(signer, isSigned),
    retryMiddleware({ retry, timeoutMs: connection.timeoutMs, isRetryable, prepareAttempt, attempts }),
  );

  async function call(operationId: OperationId, input: unknown, callOptions?: CallOptions): Promise<unknown> {
    const entry: OperationEntry = operationTable[operationId];
    const request = entry.hasBody ? bodyRequest(operationId, entry, input) : parameterRequest(operationId, entry, input);
    // Only failures need the URL spelled out, so it is built only for them.
    const target = () => ({ method: entry.method, url: connection.baseUrl + fillPath(entry.path, request.params.path) });
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await api.request(entry.method.toLowerCase() as 'get', entry.path as never, {
        ...request,
        signal: callOptions?.signal,
      } as never);
    } catch (error) {
      throw transportErrorFrom(error, { ...target(), signal: callOptions?.signal }, connection.timeoutMs);
    }
    const { status } = result.response;
    const key = entry.idempotencyKey;
    const keyValue = key ? { [key]: (request.body as Record<string, unknown>)[key] } : {};
    if (status === 409 && key) {
      // Our own earlier attempt of this very call got through before its answer was lost.
      if ((attempts.get(result.response) ?? 1) > 1) return { ...keyValue };
      throw new KalshiAlreadyAppliedError({ status, ...target(), ...parseErrorBody(status, result.error) }, key, String(keyValue[key]));
    }
    if (!result.response.ok) throw apiErrorFrom(status, result.error, target());
    checkResponse?.(operationId, status, result.data);
    return key ? { ...(result.data as object), ...keyValue } : result.data;
  }

  const client: Record<string, unknown> = {};
  Object.defineProperty(client, 'api', { value: api, enumerable: true });
  Object.defineProperty(client, 'baseUrl', { value: connection.baseUrl, enumerable: true });
  for (const operationId of Object.keys(operationTable) as OperationId[]) {
    client[operationId] = (input?: unknown, callOptions?: CallOptions) => call(operationId, input, callOptions);
  }
  for (const [name, { operationId, field }] of Object.entries(iteratorTable)) {
    client[name] = (query?: Record<string, unknown>, callOptions?: CallOptions) =>
      paginate(operationId, field, query, (pageQuery) => call(operationId, pageQuery, callOptions) as never);
  }
  client['allFills'] = (query?: AllFillsQuery, callOptions?: CallOptions) =>
    fillHistory(
      {
        live: (q) => paginate('getFills', 'fills', q as Record<string, unknown>, (page) => call('getFills', page, callOptions) as never),
        historical: (q) =>
          paginate('getFillsHistorical', 'fills', q as Record<string, unknown>, (page) => call('getFillsHistorical', page, callOptions) as never),
        cutoffSeconds: async () => {
          const cutoff = (await call('getHistoricalCutoff', undefined, callOptions)) as { trades_created_ts: string };
          return Math.floor(Date.parse(cutoff.trades_created_ts) / 1000);
        },
      },
      query,
    );
  return Object.freeze(client) as KalshiClient;
}

interface PreparedRequest {
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
}

function requireObject(operationId: OperationId, input: unknown, what: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KalshiInputError(`${operationId} takes ${what}, got ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input}`);
  }
  return input as Record<string, unknown>;
}

/** Writes take their body as the argument. Kalshi refuses a POST without one, so none means `{}`. */
function bodyRequest(operationId: OperationId, entry: OperationEntry, input: unknown): PreparedRequest {
  const body = { ...requireObject(operationId, input ?? {}, 'an object as its request body') };
  // A key made here is what lets a lost answer be retried without moving money twice.
  if (entry.idempotencyKey && body[entry.idempotencyKey] === undefined) body[entry.idempotencyKey] = crypto.randomUUID();
  return { params: {}, body };
}

function parameterRequest(operationId: OperationId, entry: OperationEntry, input: unknown): PreparedRequest {
  if (input === undefined || input === null) return { params: {} };
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const pathParams: readonly string[] = entry.pathParams;
  const queryParams: readonly string[] = entry.queryParams;
  for (const [name, value] of Object.entries(requireObject(operationId, input, 'an object of parameters'))) {
    if (value === undefined) continue;
    if (pathParams.includes(name)) path[name] = value;
    else if (queryParams.includes(name)) query[name] = value;
    else {
      const known = [...pathParams, ...queryParams];
      throw new KalshiInputError(
        `${operationId} has no parameter "${name}"${known.length ? ` (it takes: ${known.join(', ')})` : ' (it takes none)'}`,
      );
    }
  }
  const missing = pathParams.filter((name) => path[name] === undefined || path[name] === '');
  if (missing.length > 0) throw new KalshiInputError(`${operationId} needs ${missing.map((n) => `"${n}"`).join(', ')}`);
  return { params: { path, query } };
}

function fillPath(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name] ?? `{${name}}`)));
}
