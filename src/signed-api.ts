import createClient, { type Client } from 'openapi-fetch';
import { type OperationId, operationTable } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import type { SendRequest } from './http/pipeline.js';
import type { FetchLike } from './http/transport/types.js';

/** Each operation by its method and path as openapi-fetch's callers name them (`GET /portfolio/fills`). */
const OPERATION_BY_ROUTE = new Map(
  (Object.entries(operationTable) as [OperationId, (typeof operationTable)[OperationId]][]).map(([id, entry]) => [`${entry.method} ${entry.path}`, id]),
);

const VERBS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

type Init = { fetch?: unknown } | undefined;

/**
 * `client.api`: a plain openapi-fetch client over the attempt pipeline, so its calls are signed,
 * paced and retried like the methods, and its middleware works as anywhere else. Each call hands
 * openapi-fetch a `fetch` that already knows the operation, from the path the caller named (a
 * path outside the spec is sent as unknown: signed, never repeated). A `fetch` of the caller's own
 * in a call's options replaces the pipeline for that call, as openapi-fetch documents.
 */
export function createSignedApi(baseUrl: string, send: SendRequest): Client<paths> {
  // Request and Response objects are only needed here: their adapter loads with the first such call.
  let adapter: typeof import('./http/as-fetch.js') | undefined;
  const fetchFor = (method: string, schemaPath: string): FetchLike => {
    const operationId = OPERATION_BY_ROUTE.get(`${method} ${schemaPath}`);
    return async (request) => (adapter ??= await import('./http/as-fetch.js')).asFetch(send, operationId)(request);
  };
  const plain = createClient<paths>({ baseUrl });
  const withFetch = (method: string, schemaPath: string, init: Init) =>
    init?.fetch === undefined ? { ...init, fetch: fetchFor(method, schemaPath) } : init;
  const api: Record<string, unknown> = { ...plain };
  for (const verb of VERBS) {
    const original = plain[verb] as (schemaPath: string, init: Init) => unknown;
    api[verb] = (schemaPath: string, init: Init) => original(schemaPath, withFetch(verb, schemaPath, init));
  }
  api['request'] = (method: string, schemaPath: string, init: Init) =>
    (plain.request as (method: string, schemaPath: string, init: Init) => unknown)(method, schemaPath, withFetch(method.toUpperCase(), schemaPath, init));
  return api as unknown as Client<paths>;
}
