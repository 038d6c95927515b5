/**
 * generated/operations.ts: how the client calls each operation, read from the spec and its
 * x-kalshi-* extensions. A spec the client could not serve fails here, at generation, rather than
 * in the client at run time.
 */
import { deref, type Json } from './json-schema.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
/**
 * The client's own properties: an operation or iterator of the same name would hide one (and
 * `then` would make the client a thenable).
 */
const CLIENT_RESERVED = new Set(['api', 'baseUrl', 'then', 'allFills', 'allOrders', 'stream', 'clockOffsetMs']);

export interface OperationEntry {
  method: string;
  path: string;
  signed: boolean;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
  /** A body field that makes a write safe to repeat: the client fills it in when absent and may retry. */
  idempotencyKey: string | null;
  /**
   * What stands in for a keyed write's lost answer when its retry meets 409 (src/http/idempotency.ts):
   * `empty` when its success is `200 {}`, `refuse` when the answer carries data that cannot be made up.
   */
  lostAnswer: 'empty' | 'refuse' | null;
  iterators: Record<string, string>;
}

export function collectOperations(spec: Json): Record<string, OperationEntry> {
  const out: Record<string, OperationEntry> = {};
  const iteratorOwners = new Map<string, string>();
  const rootSecurity = spec['security'] as Json[] | undefined;
  for (const [path, item] of Object.entries<Json>(spec['paths'] ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const id = op['operationId'] as string | undefined;
      if (!id) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      if (out[id]) throw new Error(`operationId ${id} is used twice`);
      if (CLIENT_RESERVED.has(id)) throw new Error(`operationId ${id} collides with a client property`);
      const params = [...(item['parameters'] ?? []), ...(op['parameters'] ?? [])].map((p: Json) => deref(spec, p));
      const body = op['requestBody'] ? deref(spec, op['requestBody']) : undefined;
      const successStatus = Number(Object.keys(op['responses'] ?? {}).find((s) => /^2\d\d$/.test(s)));
      if (!successStatus) throw new Error(`${id} declares no 2xx response`);
      const security = (op['security'] ?? rootSecurity ?? []) as Json[];
      const entry: OperationEntry = {
        method: method.toUpperCase(),
        path,
        signed: security.some((requirement) => Object.keys(requirement).length > 0),
        pathParams: params.filter((p) => p['in'] === 'path').map((p) => p['name']),
        queryParams: params.filter((p) => p['in'] === 'query').map((p) => p['name']),
        hasBody: body !== undefined,
        ...checkIdempotencyKey(spec, id, op, body, successStatus),
        iterators: {},
      };
      if (entry.hasBody) checkBodyBesideParameters(spec, id, body!, [...entry.pathParams, ...entry.queryParams]);
      const iterators = (op['x-kalshi-iterators'] ?? {}) as Record<string, string>;
      if (Object.keys(iterators).length > 0) {
        checkPaginated(spec, id, op, entry, successStatus, iterators);
        for (const name of Object.keys(iterators)) {
          const owner = iteratorOwners.get(name);
          if (owner) throw new Error(`iterator ${name} is declared by both ${owner} and ${id}`);
          iteratorOwners.set(name, id);
        }
        entry.iterators = iterators;
      }
      out[id] = entry;
    }
  }
  for (const name of iteratorOwners.keys()) {
    if (out[name] || CLIENT_RESERVED.has(name)) throw new Error(`iterator ${name} collides with an operation or client property`);
  }
  return out;
}

/**
 * A write that also takes parameters (amending order X) gets them in the same argument as its
 * body: each name must say unambiguously where it goes.
 */
function checkBodyBesideParameters(spec: Json, id: string, body: Json, parameters: string[]): void {
  const schema = deref(spec, body['content']?.['application/json']?.['schema'] ?? {});
  const clash = parameters.find((name) => schema['properties']?.[name] !== undefined);
  if (clash) throw new Error(`${id}: "${clash}" is both a parameter and a body field, so one argument cannot carry both`);
}

/**
 * The idempotency key must be a string field of the request body (the client mints it when the
 * caller leaves it out). When a retry meets 409, the client stands in for the lost first answer
 * with `200 {}` only for a write whose success is `200 EmptyResponse`; any other success answer
 * carries data, so the 409 reaches the caller instead (src/http/idempotency.ts).
 */
function checkIdempotencyKey(spec: Json, id: string, op: Json, body: Json | undefined, successStatus: number): Pick<OperationEntry, 'idempotencyKey' | 'lostAnswer'> {
  const key = op['x-kalshi-idempotency-key'];
  if (key === undefined) return { idempotencyKey: null, lostAnswer: null };
  const schema = body ? deref(spec, body['content']?.['application/json']?.['schema'] ?? {}) : {};
  const field = schema['properties']?.[key] ? deref(spec, schema['properties'][key]) : undefined;
  if (typeof key !== 'string' || field?.['type'] !== 'string') {
    throw new Error(`${id}: x-kalshi-idempotency-key must name a string field of the request body`);
  }
  const success = deref(spec, op['responses'][successStatus])['content']?.['application/json']?.['schema']?.['$ref'];
  const empty = successStatus === 200 && success === '#/components/schemas/EmptyResponse';
  return { idempotencyKey: key, lostAnswer: empty ? 'empty' : 'refuse' };
}

/** An iterator needs a cursor to send, a cursor to read back, and an array to yield from. */
function checkPaginated(
  spec: Json,
  id: string,
  op: Json,
  entry: OperationEntry,
  successStatus: number,
  iterators: Record<string, string>,
): void {
  if (!entry.queryParams.includes('cursor')) throw new Error(`${id} declares iterators but takes no cursor parameter`);
  const schema = deref(spec, deref(spec, op['responses'][successStatus])['content']?.['application/json']?.['schema'] ?? {});
  const properties = (schema['properties'] ?? {}) as Json;
  if (!properties['cursor']) throw new Error(`${id} declares iterators but its response has no cursor field`);
  for (const [name, field] of Object.entries(iterators)) {
    const list = properties[field] ? deref(spec, properties[field]) : undefined;
    if (list?.['type'] !== 'array') throw new Error(`${id}: iterator ${name} names ${field}, which is not an array field of the response`);
  }
}

export function renderOperationTable(operations: Record<string, OperationEntry>, banner: string): string {
  const iterators = Object.fromEntries(
    Object.entries(operations).flatMap(([operationId, entry]) =>
      Object.entries(entry.iterators).map(([name, field]) => [name, { operationId, field }]),
    ),
  );
  // Each operation's iterators live in iteratorTable alone, so the table a browser downloads says it once.
  const table = Object.fromEntries(Object.entries(operations).map(([operationId, { iterators: _, ...entry }]) => [operationId, entry]));
  return `${banner}
/** How to call each operation of the spec, keyed by operationId. */
export const operationTable = ${JSON.stringify(table, null, 2)} as const;

/** Each item iterator: the list operation it pages through and the response field it yields from. */
export const iteratorTable = ${JSON.stringify(iterators, null, 2)} as const;

/** The operationId of every operation in the spec. */
export type OperationId = keyof typeof operationTable;
/** The name of every item iterator (\`fills\`, \`settlements\`, …). */
export type IteratorName = keyof typeof iteratorTable;
`;
}
