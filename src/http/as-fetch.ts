import type { SendRequest } from './pipeline.js';
import { BufferedResponse } from './transport/buffered-response.js';
import type { FetchLike } from './transport/types.js';

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
