import type { OperationId } from '../../generated/operations.js';
import type { SendRequest } from './pipeline.js';
import type { FetchLike } from './transport/types.js';

/** Statuses whose Response may not have a body (the Response constructor throws if given one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The attempt pipeline as openapi-fetch's `fetch`, for `client.api`: its calls take the same
 * attempts as the methods. The operation comes with it, from the `client.api` call that made the
 * Request, never guessed back from the URL. The answer is a plain `Response` over the bytes the
 * pipeline read, so `parseAs: 'stream'` and a middleware that re-wraps `response.body` work as
 * with any fetch.
 */
export function asFetch(send: SendRequest, operationId: OperationId | undefined): FetchLike {
  return async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const answer = await send({ method: request.method, url: request.url, headers, body, signal: request.signal }, operationId);
    const content = NULL_BODY_STATUSES.has(answer.status) ? null : (answer.bytes as Uint8Array<ArrayBuffer>);
    return new Response(content, { status: answer.status, headers: answer.headers });
  };
}
