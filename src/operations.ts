import { type IteratorName, type OperationId, type iteratorTable, operationTable } from '../generated/operations.js';
import type { operations } from '../generated/schema.js';
import { KalshiInputError, describeValue } from './errors.js';
import { type SentKey, keyTheBody, keyedWriteOf } from './http/idempotency.js';

type Operation<K extends OperationId> = operations[K];
type Defined<T> = Exclude<T, undefined>;
/** Kalshi's `*_ts` query timestamps are Unix seconds; a `Date` is taken too, and sent as its second. */
type WithDates<Q> = { [P in keyof Q]: P extends `${string}_ts` ? Q[P] | Date : Q[P] };
type QueryOf<K extends OperationId> = WithDates<Defined<Operation<K>['parameters']['query']>>;
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
  : Merge<WithOptionalKey<BodyOf<K>, IdempotencyKeyOf<K>>, ParametersBesideBody<K>>;
/** A write's own parameters (the order an amend is for), given in the same object as its body. */
type ParametersBesideBody<K extends OperationId> = [Merge<QueryOf<K>, PathParamsOf<K>>] extends [undefined] ? never : Merge<QueryOf<K>, PathParamsOf<K>>;

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
  /** The idempotency key a keyed write's body carries (minted here when the caller gave none). */
  sentKey?: SentKey | undefined;
}

/**
 * Checks a method's argument against the operation table and splits it into path, query and
 * body; a write with an idempotency key gets a fresh key when the caller gave none. Whatever would
 * not go out as the caller meant (a path that changes, a value dropped or mangled on the way)
 * is refused here, before anything is sent.
 */
export function prepareRequest(operationId: OperationId, input: unknown): PreparedRequest {
  const entry: OperationEntry = operationTable[operationId];
  try {
    return entry.hasBody ? bodyRequest(operationId, entry, input) : parameterRequest(operationId, entry, input);
  } catch (error) {
    if (error instanceof KalshiInputError) throw error;
    // A getter or Proxy in the input threw while it was read: still the caller's input, not the network.
    throw new KalshiInputError(`${operationId} could not read its input: ${error instanceof Error ? error.message : describeValue(error)}`, {
      cause: error,
    });
  }
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
  const sentKey = keyTheBody(keyedWriteOf(operationId), body);
  if (entry.pathParams.length === 0 && entry.queryParams.length === 0) return { params: {}, body, sentKey };
  // The generator made sure no parameter shares a name with a body field.
  const parameters: Record<string, unknown> = {};
  for (const name of [...entry.pathParams, ...entry.queryParams]) {
    if (name in body) parameters[name] = body[name];
    delete body[name];
  }
  return { ...parameterRequest(operationId, entry, parameters), body, sentKey };
}

function parameterRequest(operationId: OperationId, entry: OperationEntry, input: unknown): PreparedRequest {
  const path: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const pathParams: readonly string[] = entry.pathParams;
  const queryParams: readonly string[] = entry.queryParams;
  const given = input === undefined || input === null ? {} : requireObject(operationId, input, 'an object of parameters');
  for (const [name, value] of Object.entries(given)) {
    if (pathParams.includes(name)) continue;
    if (!queryParams.includes(name)) {
      const known = [...pathParams, ...queryParams];
      throw new KalshiInputError(
        `${operationId} has no parameter "${name}"${known.length ? ` (it takes: ${known.join(', ')})` : ' (it takes none)'}`,
      );
    }
    const sent = queryValue(operationId, name, value);
    if (sent !== undefined) query[name] = sent;
  }
  for (const name of pathParams) {
    const problem = pathProblem(name, given[name]);
    if (problem) throw new KalshiInputError(`${operationId} ${problem}`);
    path[name] = given[name] as string;
  }
  return { params: { path, query } };
}

/** Kalshi's query timestamps (`min_ts`, `max_ts`) are integer Unix seconds, as the spec says of every `_ts` integer. */
const isUnixSeconds = (name: string) => name.endsWith('_ts');

/**
 * The value to send for a query parameter, or undefined to leave it out. Only what has one
 * obvious meaning is converted, the rest refused: openapi-fetch would drop a Date or an object
 * without a word, spell out a function's source, or throw on a Symbol.
 */
function queryValue(operationId: OperationId, name: string, value: unknown): unknown {
  const refuse = (why: string) => {
    throw new KalshiInputError(`${operationId} parameter "${name}" ${why}`);
  };
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return isWellFormed(value) ? value : refuse('is not well-formed Unicode (it has a lone surrogate)');
    case 'number':
      return Number.isFinite(value) ? value : refuse(`must be a finite number, got ${describeValue(value)}`);
    case 'boolean':
      return value;
    case 'bigint':
      // Its decimal digits are exactly what a number would have sent, without the rounding.
      return value.toString();
  }
  // null, like undefined, is the absence of a filter.
  if (value === null) return undefined;
  if (value instanceof Date) {
    if (!isUnixSeconds(name)) return refuse('takes a string or a number, not a Date (only the *_ts timestamps take one)');
    const ms = value.getTime();
    return Number.isNaN(ms) ? refuse('is an invalid Date') : Math.floor(ms / 1000);
  }
  if (Array.isArray(value)) return refuse(`takes a single value, got ${describeValue(value)}`);
  return refuse(`must be a string or a number, got ${describeValue(value)}`);
}

/**
 * Why a path parameter cannot go out as one segment, or undefined when it can. "." and ".."
 * survive URL-encoding and are then resolved by the URL parser, so the signed request would name
 * another resource; a missing value would leave `{name}` in the URL.
 */
function pathProblem(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `needs "${name}"`;
  if (typeof value !== 'string') return `"${name}" must be a string, got ${describeValue(value)}`;
  if (value.trim() === '') return `"${name}" is ${value === '' ? 'empty' : 'blank'}`;
  if (value === '.' || value === '..') return `"${name}" cannot be "${value}": as a path segment it would send the request to another path`;
  if (!isWellFormed(value)) return `"${name}" is not well-formed Unicode (it has a lone surrogate)`;
  return undefined;
}

/** encodeURIComponent throws on a lone surrogate; String.prototype.isWellFormed is ES2024, past this project's lib. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** The path with its parameters filled in, for messages; refuses what prepareRequest refuses. */
export function fillPath(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const problem = pathProblem(name, path?.[name]);
    if (problem) throw new KalshiInputError(`${template} ${problem}`);
    return encodeURIComponent(path![name] as string);
  });
}
