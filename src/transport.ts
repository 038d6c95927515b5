import { KalshiError, KalshiNetworkError, KalshiTimeoutError } from './errors.js';

/** The shape of `fetch` the client needs (the `fetch` option): one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Sends one attempt of a request with its own deadline (so a retry is not born already late),
 * while still obeying the signal the caller put on the request.
 */
export type Transport = (request: Request, timeoutMs: number) => Promise<Response>;

/**
 * A user's or the runtime's fetch as a transport. The body may be read after fetch resolves, so
 * the deadline has to ride along on the request's signal until it fires.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return (request, timeoutMs) => fetchImpl(new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) }));
}

const decoder = new TextDecoder();

/**
 * A Response whose body is already in memory (the undici transport reads it whole; the retry
 * middleware reads it to make a mid-body failure retryable). A plain Response would wrap the
 * bytes in a ReadableStream only for openapi-fetch to read them back out of it — the most costly
 * step of a small request after signing — so the readers answer from the bytes directly.
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array;
  #used = false;

  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#take().slice().buffer as ArrayBuffer);
  }

  override text(): Promise<string> {
    return Promise.resolve(decoder.decode(this.#take()));
  }

  override json(): Promise<any> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.#take().slice()], { type: this.headers.get('content-type') ?? '' }));
  }

  override clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: body has already been used');
    return new BufferedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
  }

  #take(): Uint8Array {
    if (this.#used) throw new TypeError('Body has already been used');
    this.#used = true;
    return this.#bytes;
  }
}


/**
 * True when the caller aborted on purpose — their signal fired, whatever reason they gave it: such
 * errors pass through untouched and are never retried.
 */
export function isCallerAbort(error: unknown, callerSignal?: AbortSignal): boolean {
  return callerSignal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

/** Maps whatever fetch (or a body read) threw into the SDK's typed transport errors. */
export function transportErrorFrom(
  error: unknown,
  request: { method: string; url: string; signal?: AbortSignal },
  timeoutMs: number,
): unknown {
  if (request.signal?.aborted) return request.signal.reason ?? error;
  if (error instanceof KalshiError || isCallerAbort(error)) return error;
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new KalshiTimeoutError(`${where} got no complete answer within ${timeoutMs} ms`);
  }
  const reason = describeCause(error);
  return new KalshiNetworkError(`${where} failed before an HTTP answer arrived: ${reason}`);
}

/** Node's fetch says only "fetch failed" and keeps the useful part (ECONNREFUSED…) in `cause`. */
function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ') || 'unknown network error';
}
