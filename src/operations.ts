import { type IteratorName, type OperationId, type iteratorTable, operationTable } from '../generated/operations.js';
import type { operations } from '../generated/schema.js';
import { KalshiInputError } from './errors.js';

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

type OperationEntry = (typeof operationTable)[OperationId];

/** An operation's input split the way openapi-fetch takes it. */
export interface PreparedRequest {
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
}

/**
 * Checks a method's argument against the operation table and splits it into path, query and
 * body; a write with an idempotency key gets a fresh key when the caller gave none.
 */
export function prepareRequest(operationId: OperationId, input: unknown): PreparedRequest {
  const entry: OperationEntry = operationTable[operationId];
  return entry.hasBody ? bodyRequest(operationId, entry, input) : parameterRequest(operationId, entry, input);
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

export function fillPath(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name] ?? `{${name}}`)));
}
