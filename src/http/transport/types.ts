/** The shape of `fetch` the client takes (the `fetch` option) and gives openapi-fetch: one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * A request as the attempt pipeline and the transports handle it: plain data, so the common path
 * builds no `Request` object, and every attempt (a retry, a re-signing) sends the same body again.
 * Header names are lower case.
 */
export interface Outgoing {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  /** The caller's signal, if they gave one. */
  readonly signal: AbortSignal | undefined;
}

/** An answer read whole inside its attempt (so a cut-off body is retryable and the size limit holds). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/**
 * Sends one attempt of a request with its own deadline (so a retry is not born already late),
 * while still obeying the caller's signal.
 */
export type Transport = (request: Outgoing, timeoutMs: number) => Promise<Answer>;

/** Which way requests leave: the runtime's `fetch`, or (Node only) undici's lower-level `request`. */
export type TransportOption = 'auto' | 'fetch' | 'undici';
