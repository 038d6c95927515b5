const decoder = new TextDecoder();

/**
 * A Response whose body is already in memory (every transport reads the whole body inside the
 * attempt, so a mid-body failure is retryable and the size limit holds). A plain Response would wrap the
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
