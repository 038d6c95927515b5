import type { SendRequest } from './pipeline.js';
import type { FetchLike } from './transport/types.js';

const decoder = new TextDecoder();

/**
 * The attempt pipeline as a `fetch`, for openapi-fetch: what `client.api` sends, and what the
 * methods send while middleware is installed, takes the same attempts as everything else.
 */
export function asFetch(send: SendRequest): FetchLike {
  return async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const answer = await send({ method: request.method, url: request.url, headers, body, signal: request.signal });
    return new BufferedResponse(answer.bytes, { status: answer.status, headers: answer.headers });
  };
}

/**
 * A Response over an answer the pipeline has already read whole. A plain Response would wrap the
 * bytes in a ReadableStream only for openapi-fetch (or a middleware) to read them back out of it,
 * so the readers answer from the bytes directly.
 */
class BufferedResponse extends Response {
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
