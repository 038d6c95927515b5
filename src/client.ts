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
import { paginate } from './pagination.js';
import { createRateLimiter, rateLimitMiddleware } from './rate-limit.js';
import { resolveRetryOptions, retryMiddleware } from './retry.js';
import { transportErrorFrom, withTimeout } from './transport.js';
import { apiErrorFrom } from './wire-errors.js';
import { KalshiInputError } from './errors.js';

type Operation<K extends OperationId> = operations[K];
type Defined<T> = Exclude<T, undefined>;
type QueryOf<K extends OperationId> = Defined<Operation<K>['parameters']['query']>;
type PathParamsOf<K extends OperationId> = Defined<Operation<K>['parameters']['path']>;
type Merge<A, B> = [A] extends [never] ? ([B] extends [never] ? undefined : B) : [B] extends [never] ? A : A & B;

/** What an operation method takes: its query parameters and path parameters, side by side. */
export type OperationInput<K extends OperationId> = Merge<QueryOf<K>, PathParamsOf<K>>;

/** The body of an operation's success response. */
export type OperationResult<K extends OperationId> = {
  [S in keyof Operation<K>['responses']]: S extends 200 | 201 | 202
    ? Operation<K>['responses'][S] extends { content: { 'application/json': infer Body } }
      ? Body
      : undefined
    : never;
}[keyof Operation<K>['responses']];

export interface CallOptions {
  /** Aborts the call (and any retry it is waiting for). */
  signal?: AbortSignal;
}

type InputArgs<T> = T extends undefined
  ? [input?: undefined, options?: CallOptions]
  : {} extends T
    ? [input?: T, options?: CallOptions]
    : [input: T, options?: CallOptions];

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

export type IteratorMethod<N extends IteratorName> = (
  query?: Omit<Defined<OperationInput<IteratorOperation<N>>>, 'cursor'>,
  options?: CallOptions,
) => AsyncGenerator<IteratorItem<N>, void, undefined>;

export type KalshiClient = {
  /** The underlying openapi-fetch client, typed by the spec, with signing and retries installed. */
  readonly api: Client<paths>;
  /** Where requests go, e.g. `https://external-api.kalshi.com/trade-api/v2`. */
  readonly baseUrl: string;
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

  const routes = new Map<string, OperationEntry>(
    Object.values(operationTable).map((entry) => [`${entry.method} ${entry.path}`, entry]),
  );
  // A path outside the spec (reachable only by casting around client.api's types) is treated as signed, and retried only if it is a GET.
  const isSigned = (method: string, schemaPath: string) => routes.get(`${method} ${schemaPath}`)?.signed ?? true;
  const isRetryable = (method: string, schemaPath: string) =>
    routes.get(`${method} ${schemaPath}`)?.idempotent ?? method === 'GET';

  const api = createClient<paths>({
    baseUrl: connection.baseUrl,
    fetch: withTimeout(connection.fetch, connection.timeoutMs),
  });
  // Every attempt, first or retried, waits for the rate limiter, then signs: a timestamp is
  // taken only when the request is about to leave.
  const prepareAttempt = async (request: Request, schemaPath: string) => {
    await limiter?.acquire(request);
    return isSigned(request.method, schemaPath) ? signer.sign(request) : request;
  };
  if (limiter) api.use(rateLimitMiddleware(limiter));
  api.use(
    authMiddleware(signer, isSigned),
    retryMiddleware({ retry, timeoutMs: connection.timeoutMs, isRetryable, prepareAttempt }),
  );

  async function call(operationId: OperationId, input: unknown, callOptions?: CallOptions): Promise<unknown> {
    const entry: OperationEntry = operationTable[operationId];
    const { path, query } = splitInput(operationId, entry, input);
    const target = { method: entry.method, url: connection.baseUrl + fillPath(entry.path, path) };
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await api.request(entry.method.toLowerCase() as 'get', entry.path as never, {
        params: { query, path },
        signal: callOptions?.signal,
      } as never);
    } catch (error) {
      throw transportErrorFrom(error, target, connection.timeoutMs);
    }
    if (!result.response.ok) throw apiErrorFrom(result.response.status, result.error, target);
    checkResponse?.(operationId, result.response.status, result.data);
    return result.data;
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
  return Object.freeze(client) as KalshiClient;
}

function splitInput(
  operationId: OperationId,
  entry: OperationEntry,
  input: unknown,
): { path: Record<string, unknown> | undefined; query: Record<string, unknown> | undefined } {
  if (input === undefined || input === null) return { path: undefined, query: undefined };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new KalshiInputError(`${operationId} takes an object of parameters, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  }
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const pathParams: readonly string[] = entry.pathParams;
  const queryParams: readonly string[] = entry.queryParams;
  for (const [name, value] of Object.entries(input)) {
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
  return { path, query };
}

function fillPath(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name] ?? `{${name}}`)));
}
