import { pathOf } from './http/url-path.js';

/**
 * Every error this SDK throws is a {@link KalshiError}; the subclasses say what went wrong so a
 * caller can branch with `instanceof` instead of parsing messages.
 */
export class KalshiError extends Error {
  override name = 'KalshiError';
}

/** The options given to `createKalshiClient` cannot work (missing key id, unusable key, bad URL…). */
export class KalshiConfigError extends KalshiError {
  override name = 'KalshiConfigError';
}

/** A method was called with parameters the operation does not take (an unknown name, a non-object). */
export class KalshiInputError extends KalshiError {
  override name = 'KalshiInputError';
}

/** What the server said, normalised from whichever of Kalshi's error body shapes it used. */
export interface ApiErrorFields {
  status: number;
  /** Kalshi's error code (e.g. `authentication_error`), when the body carried one. */
  code: string | undefined;
  message: string;
  /** Kalshi's detail string (e.g. `INCORRECT_API_KEY_SIGNATURE`), when the body carried one. */
  details: string | undefined;
  /** The start of a body that was not JSON (an HTML error page from a proxy, say). */
  bodyExcerpt: string | undefined;
  method: string;
  url: string;
  /**
   * The answer's headers, names in lower case (`retry-after`, a request id, `date`…), for logs and
   * support tickets. Cookies are left out. Empty when not given.
   */
  headers?: Readonly<Record<string, string>>;
}

/** The server answered with an HTTP error status. */
export class KalshiApiError extends KalshiError {
  override name = 'KalshiApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly details: string | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The answer's headers (lower-case names), e.g. `error.headers['retry-after']`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(fields: ApiErrorFields, summary = describeApiError(fields)) {
    super(summary);
    this.status = fields.status;
    this.code = fields.code;
    this.details = fields.details;
    this.bodyExcerpt = fields.bodyExcerpt;
    this.method = fields.method;
    this.url = fields.url;
    this.headers = fields.headers ?? {};
  }

  /** Kalshi appends dynamic suffixes to some codes (`user_not_found:_<uuid>`), so codes match by prefix. */
  hasCode(prefix: string): boolean {
    return this.code !== undefined && this.code.startsWith(prefix);
  }
}

/** 401: the request's signature, key id or timestamp was refused. The message names the likely cause. */
export class KalshiAuthError extends KalshiApiError {
  override name = 'KalshiAuthError';
  /** `hint` says what probably went wrong; the SDK works it out from Kalshi's code and details. */
  constructor(fields: ApiErrorFields, hint = 'check that the key id and private key belong together and to this environment (demo vs production), and that the clock is right') {
    super(fields, `${describeApiError(fields)} — ${hint}`);
  }
}

/** 429: the account's token bucket is empty. Retried automatically for safe requests. */
export class KalshiRateLimitError extends KalshiApiError {
  override name = 'KalshiRateLimitError';
}

/**
 * 409 on an idempotent write: the server had already applied a request with this idempotency key
 * (e.g. `client_transfer_id`), so it did nothing this time. Never retried.
 */
export class KalshiAlreadyAppliedError extends KalshiApiError {
  override name = 'KalshiAlreadyAppliedError';
  /** The body field that carries the key, e.g. `client_transfer_id`. */
  readonly idempotencyKey: string;
  /** The key's value that had already been used. */
  readonly idempotencyKeyValue: string;
  /**
   * True when a retry met the 409: the key was used by this call's own earlier attempt, which went
   * through and whose answer was lost. False when the first attempt met it (another call used the key).
   */
  readonly byEarlierAttempt: boolean;
  constructor(fields: ApiErrorFields, idempotencyKey: string, idempotencyKeyValue: string, byEarlierAttempt = false) {
    super(
      fields,
      byEarlierAttempt
        ? `${describeApiError(fields)} — applied by this call's earlier attempt, whose answer was lost: a request with ${idempotencyKey} ${idempotencyKeyValue} went through once`
        : `${describeApiError(fields)} — already applied: a request with ${idempotencyKey} ${idempotencyKeyValue} was processed before, so nothing was done again`,
    );
    this.idempotencyKey = idempotencyKey;
    this.idempotencyKeyValue = idempotencyKeyValue;
    this.byEarlierAttempt = byEarlierAttempt;
  }
}

/**
 * The server answered with a redirect (3xx). Kalshi's API never redirects, so the SDK never
 * follows one: a signed request, and a write's body, must not travel to wherever a server points.
 * `location` is where it pointed (undefined when the runtime hides it, as browsers do).
 */
export class KalshiRedirectError extends KalshiApiError {
  override name = 'KalshiRedirectError';
  readonly location: string | undefined;
  constructor(fields: ApiErrorFields, location: string | undefined) {
    super(fields);
    this.location = location;
  }
}

/**
 * The server answered with a success status, but the answer cannot be used: see
 * {@link KalshiMalformedResponseError} and {@link KalshiResponseTooLargeError}.
 */
export class KalshiResponseError extends KalshiError {
  override name = 'KalshiResponseError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  constructor(message: string, answer: { status: number; method: string; url: string }) {
    super(message);
    this.status = answer.status;
    this.method = answer.method;
    this.url = answer.url;
  }
}

/**
 * A success status whose body cannot be the operation's answer: not JSON, empty, or not an
 * object. `bodyExcerpt` is the start of what came.
 */
export class KalshiMalformedResponseError extends KalshiResponseError {
  override name = 'KalshiMalformedResponseError';
  readonly bodyExcerpt: string;
  constructor(f: { status: number; method: string; url: string; body: string; problem: string }) {
    const bodyExcerpt = excerpt(f.body);
    super(`${f.method} ${pathOf(f.url)} answered HTTP ${f.status} with ${f.problem}${bodyExcerpt && `: ${JSON.stringify(bodyExcerpt)}`}`, f);
    this.bodyExcerpt = bodyExcerpt;
  }
}

/**
 * An answer's body was bigger than `maxResponseBytes`; reading stopped there, so nothing of it
 * is returned. Never retried: the same request would bring the same answer.
 */
export class KalshiResponseTooLargeError extends KalshiResponseError {
  override name = 'KalshiResponseTooLargeError';
  readonly limitBytes: number;
  constructor(f: { status: number; method: string; url: string; limitBytes: number }) {
    super(`${f.method} ${pathOf(f.url)} answered HTTP ${f.status} with a body over maxResponseBytes (${f.limitBytes} bytes)`, f);
    this.limitBytes = f.limitBytes;
  }
}

/**
 * The request never got a complete HTTP answer: DNS, refused or reset connection, TLS failure, a
 * body cut off mid-read. `cause` is what the runtime threw (Node's carries a `code` like
 * `ECONNREFUSED`).
 */
export class KalshiNetworkError extends KalshiError {
  override name = 'KalshiNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No complete answer arrived within `timeoutMs`; `cause` is the runtime's `TimeoutError`. */
export class KalshiTimeoutError extends KalshiNetworkError {
  override name = 'KalshiTimeoutError';
}

/**
 * The stream refused a command or broke a subscription for good. `code` is Kalshi's numeric
 * WebSocket error code (6 already subscribed, 8 unknown channel, 9 authentication required, …).
 */
export class KalshiStreamError extends KalshiError {
  override name = 'KalshiStreamError';
  readonly code: number;
  constructor(message: string, code: number) {
    super(message.length > 400 ? `${message.slice(0, 400)}…` : message);
    this.code = code;
  }
}

/** The server's pagination misbehaved (a cursor came back twice), so iteration stopped instead of looping. */
export class KalshiPaginationError extends KalshiError {
  override name = 'KalshiPaginationError';
}

/** One of Ajv's error objects, as the generated validators report them. */
export interface SchemaViolation {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Where and how a response body strays from the spec. */
export interface ContractMismatch {
  operationId: string;
  status: number;
  pointer: string;
  expected: string;
  actual: string;
  violation: SchemaViolation;
}

/** A success response whose body does not match the spec (only with `validateResponses: true`). */
export class KalshiContractError extends KalshiError {
  override name = 'KalshiContractError';
  readonly operationId: string;
  readonly status: number;
  /** JSON pointer into the response body of the offending value, e.g. `/fills/3/count_fp`. */
  readonly pointer: string;
  /** What the spec expects there, e.g. `integer` or `string matching ^-?[0-9]+\.[0-9]{2}$`. */
  readonly expected: string;
  /** What was found there, e.g. `string "12"` or `nothing`. */
  readonly actual: string;
  readonly violation: SchemaViolation;

  constructor(mismatch: ContractMismatch) {
    super(
      `${mismatch.operationId} response (HTTP ${mismatch.status}) does not match the spec at ${mismatch.pointer || '/'}: expected ${mismatch.expected}, got ${mismatch.actual}`,
    );
    this.operationId = mismatch.operationId;
    this.status = mismatch.status;
    this.pointer = mismatch.pointer;
    this.expected = mismatch.expected;
    this.actual = mismatch.actual;
    this.violation = mismatch.violation;
  }
}

function describeApiError(f: ApiErrorFields): string {
  const label = [f.code, f.details].filter(Boolean).join(' / ');
  const head = `${f.method} ${pathOf(f.url)} failed with HTTP ${f.status}`;
  return label ? `${head} (${label}): ${f.message}` : `${head}: ${f.message}`;
}

/** How much of a server's text an error quotes: enough to recognise it, never a whole page. */
const EXCERPT_LIMIT = 300;

/** The start of a server's text, for an error message or field. */
export function excerpt(text: string): string {
  return text.length <= EXCERPT_LIMIT ? text : `${text.slice(0, EXCERPT_LIMIT)}…`;
}

/** Short printable strings are quoted as they are; longer ones could be (part of) a key. */
const QUOTABLE = /^[\x20-\x7e]{1,64}$/;
const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]{1,40})-----/;
/** A PEM body line, or a token, pasted alone is an unbroken run of base64. */
const BASE64_RUN = /[A-Za-z0-9+/=]{32,}/;

/**
 * A value for an error message that is safe to print: anything passed in the wrong place may be
 * the private key (or another secret), so only short, key-free strings and numbers are quoted; the
 * rest is described by kind and size, e.g. `a string of 1,704 characters that looks like a PEM
 * private key`. Not exported from the package.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
    case 'number':
      return String(value);
    case 'bigint': {
      const digits = value.toString();
      return digits.length <= 20 ? `${digits}n` : `a bigint of ${digits.length} digits`;
    }
    case 'string':
      return describeString(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
  return describeObject(value as object);
}

function describeString(text: string): string {
  if (text === '') return 'an empty string';
  const pem = PEM_LABEL.exec(text);
  const privateKey = /PRIVATE KEY/.test(text);
  if (QUOTABLE.test(text) && !pem && !privateKey && !BASE64_RUN.test(text)) return JSON.stringify(text);
  const size = `a string of ${plural(text.length, 'character')}`;
  if (privateKey) return `${size} that looks like a PEM private key`;
  if (pem) return `${size} that looks like a PEM "${pem[1]}" block`;
  return size;
}

function describeObject(value: object): string {
  let name: unknown;
  try {
    // A Proxy or an odd prototype may throw here; the message must still be made.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null || proto === Object.prototype) return 'an object';
    name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  } catch {
    return 'an object';
  }
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,39}$/.test(name) ? `an instance of ${name}` : 'an object';
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
