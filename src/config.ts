import type { OperationId } from '../generated/operations.js';
import { KalshiConfigError, describeValue } from './errors.js';
import { refuseUnknownOptions } from './http/option-names.js';
import type { RateLimitOption } from './http/rate-limit.js';
import { MAX_TIMER_MS, type RetryEvent, type RetryOptions, timerTooLong } from './http/retry.js';
import type { FetchLike, TransportOption } from './http/transport/types.js';

/** Kalshi's API base URLs by environment. Keys work only in the environment that issued them. */
export const ENVIRONMENTS = {
  production: 'https://external-api.kalshi.com/trade-api/v2',
  demo: 'https://external-api.demo.kalshi.co/trade-api/v2',
} as const;

/** `'production'` or `'demo'`. */
export type KalshiEnvironment = keyof typeof ENVIRONMENTS;

/** The options of {@link createKalshiClient}. Only `keyId` and `privateKey` are required. */
export interface KalshiClientOptions {
  /** The API key id Kalshi shows next to the key (a UUID). */
  keyId: string;
  /** The private key: PEM text (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"), or a WebCrypto RSA-PSS/SHA-256 CryptoKey. */
  privateKey: string | CryptoKey;
  /** Which Kalshi to talk to. Default `'production'`. Keys only work in the environment that issued them. */
  environment?: KalshiEnvironment;
  /** Overrides `environment`, e.g. `http://127.0.0.1:8080/trade-api/v2` for a local fake. Include the `/trade-api/v2` prefix. */
  baseUrl?: string;
  /**
   * The stream's WebSocket URL. Default: Kalshi's stream host for `environment`, or, with a
   * custom `baseUrl`, the same host with ws/wss and `/trade-api/ws/v2`.
   */
  wsUrl?: string;
  /** The fetch to send requests with. Default: the runtime's global `fetch` (or, on Node, see `transport`). */
  fetch?: FetchLike;
  /**
   * How requests leave when no `fetch` is given: `'auto'` (default) uses undici's keep-alive pool
   * on Node and the runtime's `fetch` everywhere else; `'fetch'` always uses `fetch`; `'undici'`
   * insists on undici (Node only).
   */
  transport?: TransportOption;
  /** Retry settings for safe requests, or `false` to never retry. */
  retry?: RetryOptions | false;
  /**
   * Deadline for each attempt, headers and body included. Default 15,000 ms; at most
   * 2,147,483,647 ms (about 24.8 days), the longest a JavaScript timer can wait.
   */
  timeoutMs?: number;
  /**
   * The largest answer body accepted, in bytes; a bigger one is abandoned mid-read with a
   * `KalshiResponseTooLargeError`. Default 16 MiB (Kalshi's largest page is well under 2 MB).
   */
  maxResponseBytes?: number;
  /**
   * Check every success body against the spec's schema and reject with `KalshiContractError` on a
   * mismatch. For contract tests and staging; off by default, and free when off.
   */
  validateResponses?: boolean;
  /**
   * Pace requests with a client-side token bucket so they stay within the account's budget:
   * a tier name (`'basic'`) or `{ read, write }` in tokens per second. Off by default.
   */
  rateLimit?: RateLimitOption;
  /**
   * Functions told of every method call (`client.getFills()`, the iterators, `allFills`…): for
   * logs, metrics and progress. They observe and change nothing; see {@link KalshiHooks}.
   */
  hooks?: KalshiHooks;
}

/** One method call, as the hooks are told of it. */
export interface CallEvent {
  operationId: OperationId;
  method: string;
  /** The full URL, query included. */
  url: string;
  /** The URL's path, e.g. `/trade-api/v2/portfolio/fills`: what Kalshi signs, and what logs want. */
  path: string;
}

/** The final answer of a call, after any retries. */
export interface ResponseEvent extends CallEvent {
  status: number;
  /** From the `request` hook to the final answer, retries and their waits included. */
  durationMs: number;
}

/** A call that rejects: `error` is what the call rejects with. */
export interface CallErrorEvent extends CallEvent {
  error: unknown;
  durationMs: number;
}

/**
 * Observation hooks (the `hooks` option). For each method call: `request` once, before the first
 * attempt; `response` once, with the final answer, whatever its status; `error` once if the call
 * rejects (after `response` when it rejects for an HTTP status). `retry` before the wait of every
 * attempt that will be tried again, `client.api`'s included. They see plain data: no `Request` or
 * `Response` is built for them. A hook that throws makes the call reject with that error.
 */
export interface KalshiHooks {
  /** Before a method call's first attempt. */
  request?: (event: CallEvent) => void;
  /** With the final answer of a call, after any retries. */
  response?: (event: ResponseEvent) => void;
  /** Before each retry's wait. */
  retry?: (event: RetryEvent) => void;
  /** When a call rejects, with its typed error. */
  error?: (event: CallErrorEvent) => void;
}

const OPTION_NAMES: readonly (keyof KalshiClientOptions)[] = [
  'keyId',
  'privateKey',
  'environment',
  'baseUrl',
  'wsUrl',
  'fetch',
  'transport',
  'retry',
  'timeoutMs',
  'maxResponseBytes',
  'validateResponses',
  'rateLimit',
  'hooks',
];

const HOOK_NAMES: readonly (keyof KalshiHooks)[] = ['request', 'response', 'retry', 'error'];

export const DEFAULT_TIMEOUT_MS = 15_000;

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Checks everything but the key (which needs async import) and settles the defaults. */
export function resolveConnection(options: KalshiClientOptions): {
  keyId: string;
  baseUrl: string;
  /** Undefined: derived from `baseUrl` when a stream starts. */
  wsUrl: string | undefined;
  fetch: FetchLike;
  timeoutMs: number;
  maxResponseBytes: number;
  validateResponses: boolean;
  transport: TransportOption;
  hooks: KalshiHooks;
} {
  if (typeof options !== 'object' || options === null) {
    throw new KalshiConfigError(`createKalshiClient needs an options object with keyId and privateKey, got ${describeValue(options)}`);
  }
  refuseUnknownOptions('createKalshiClient', options, OPTION_NAMES);
  const baseUrl = resolveBaseUrl(options.environment, options.baseUrl);
  return {
    keyId: checkKeyId(options.keyId),
    baseUrl,
    wsUrl: options.wsUrl === undefined ? undefined : checkUrl('wsUrl', options.wsUrl, ['ws', 'wss'], 'wss://external-api-ws.kalshi.com/trade-api/ws/v2'),
    fetch: resolveFetch(options.fetch),
    timeoutMs: resolveTimeout(options.timeoutMs),
    maxResponseBytes: resolveMaxResponseBytes(options.maxResponseBytes),
    validateResponses: resolveFlag('validateResponses', options.validateResponses),
    transport: resolveTransport(options.transport, options.fetch),
    hooks: resolveHooks(options.hooks),
  };
}

function resolveHooks(hooks: unknown): KalshiHooks {
  if (hooks === undefined) return {};
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    throw new KalshiConfigError(`hooks must be an object of functions (${HOOK_NAMES.join(', ')}), got ${describeValue(hooks)}`);
  }
  refuseUnknownOptions('hooks', hooks, HOOK_NAMES);
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== 'function') throw new KalshiConfigError(`hooks.${name} must be a function, got ${describeValue(hook)}`);
  }
  // Copied: the client decides once which hooks it calls, so a later change to the object changes nothing.
  return { ...(hooks as KalshiHooks) };
}

/** Kalshi's key ids are UUIDs (36 characters); anything much longer is probably key material pasted in the wrong place. */
const MAX_KEY_ID_LENGTH = 64;

export function checkKeyId(keyId: unknown): string {
  if (keyId === undefined || keyId === null) {
    throw new KalshiConfigError('keyId is missing: pass the API key id shown next to your key on Kalshi');
  }
  if (typeof keyId !== 'string') throw new KalshiConfigError(`keyId must be a string, got ${describeValue(keyId)}`);
  if (keyId.trim() === '') throw new KalshiConfigError('keyId is empty: pass the API key id shown next to your key on Kalshi');
  if (keyId !== keyId.trim()) throw new KalshiConfigError(`keyId has leading or trailing whitespace (got ${describeValue(keyId)})`);
  // Never quoted: a long value is likelier a key's base64 than an id.
  if (keyId.length > MAX_KEY_ID_LENGTH) {
    throw new KalshiConfigError(
      `keyId is ${keyId.length.toLocaleString('en-US')} characters long, but Kalshi's key ids are UUIDs (36 characters): pass the id shown next to the key, and the key itself as privateKey`,
    );
  }
  // It travels as a header value, where control characters and non-ASCII are not allowed.
  if (!/^[\x21-\x7e]+$/.test(keyId)) {
    throw new KalshiConfigError(`keyId contains characters that cannot be sent in a header (got ${describeValue(keyId)})`);
  }
  return keyId;
}

function resolveBaseUrl(environment: unknown, baseUrl: unknown): string {
  if (baseUrl !== undefined) return checkUrl('baseUrl', baseUrl, ['http', 'https'], 'https://external-api.kalshi.com/trade-api/v2');
  const env = environment ?? 'production';
  if (typeof env !== 'string' || !Object.hasOwn(ENVIRONMENTS, env)) {
    throw new KalshiConfigError(`environment must be "production" or "demo", got ${describeValue(env)}`);
  }
  return ENVIRONMENTS[env as KalshiEnvironment];
}

/** An absolute URL with one of `schemes`, and no credentials, query or fragment. */
function checkUrl(name: string, value: unknown, schemes: string[], example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KalshiConfigError(`${name} must be a non-empty absolute URL such as ${example}, got ${describeValue(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new KalshiConfigError(`${name} is not an absolute URL (it needs a scheme and host, e.g. ${example}), got ${describeValue(value)}`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) throw new KalshiConfigError(`${name} must use ${schemes.join(' or ')}, not ${describeValue(scheme)}`);
  if (url.search || url.hash) throw new KalshiConfigError(`${name} must not carry a query string or fragment`);
  if (url.username || url.password) throw new KalshiConfigError(`${name} must not carry credentials`);
  return url.href.replace(/\/+$/, '');
}

function resolveFetch(fetchImpl: unknown): FetchLike {
  if (fetchImpl === undefined) {
    if (typeof globalThis.fetch !== 'function') {
      throw new KalshiConfigError('this runtime has no global fetch: pass one as the fetch option');
    }
    // Looked up per call so a fetch installed (or mocked) after client creation is honoured.
    return (request: Request) => globalThis.fetch(request);
  }
  if (typeof fetchImpl !== 'function') throw new KalshiConfigError(`fetch must be a function, got ${describeValue(fetchImpl)}`);
  return fetchImpl as FetchLike;
}

function resolveTransport(transport: unknown, customFetch: unknown): TransportOption {
  if (transport === undefined) return customFetch === undefined ? 'auto' : 'fetch';
  if (transport !== 'auto' && transport !== 'fetch' && transport !== 'undici') {
    throw new KalshiConfigError(`transport must be "auto", "fetch" or "undici", got ${describeValue(transport)}`);
  }
  if (customFetch !== undefined && transport !== 'fetch') {
    throw new KalshiConfigError('transport and fetch cannot be combined: a custom fetch is the transport');
  }
  return transport;
}

function resolveFlag(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new KalshiConfigError(`${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

function resolveTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new KalshiConfigError(`timeoutMs must be a positive number of milliseconds, got ${describeValue(timeoutMs)}`);
  }
  if (timeoutMs > MAX_TIMER_MS) throw timerTooLong('timeoutMs', timeoutMs);
  return timeoutMs;
}

function resolveMaxResponseBytes(maxResponseBytes: unknown): number {
  if (maxResponseBytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== 'number' || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new KalshiConfigError(`maxResponseBytes must be a positive whole number of bytes, got ${describeValue(maxResponseBytes)}`);
  }
  return maxResponseBytes;
}
