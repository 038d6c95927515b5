/** The shape of `fetch` the client needs (the `fetch` option): one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Sends one attempt of a request with its own deadline (so a retry is not born already late),
 * while still obeying the signal the caller put on the request.
 */
export type Transport = (request: Request, timeoutMs: number) => Promise<Response>;

/** Which way requests leave: the runtime's `fetch`, or (Node only) undici's lower-level `request`. */
export type TransportOption = 'auto' | 'fetch' | 'undici';
