/**
 * The spec's schemas as one JSON Schema 2020-12 document, for Ajv: component schemas become
 * `$defs`, and so does every response body that is more than a reference to one of them, keyed
 * `${operationId}_${status}`. Shared by the generator (compiled validators) and the contract tests.
 */

/** A parsed OpenAPI or JSON Schema document, or any object inside one. */
export type Json = Record<string, any>;

export const SCHEMA_ID = 'https://kalshi-portfolio.local/schemas.json';

/** OpenAPI keywords that are annotations to a JSON Schema validator: registered so Ajv's strict mode accepts them. */
export const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];

export interface ResponseSchemaEntry {
  operationId: string;
  status: string;
  /** JSON pointer of this schema inside the document. */
  pointer: string;
  /** Examples the spec gives for this response body. */
  examples: Array<{ name: string; value: unknown }>;
}

export function responseSchemaDocument(spec: Json): { document: Json; entries: ResponseSchemaEntry[] } {
  const responses: Json = {};
  const entries: ResponseSchemaEntry[] = [];
  for (const item of Object.values<Json>(spec['paths'] ?? {})) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!op || typeof op !== 'object' || !op['operationId'] || method === 'parameters') continue;
      for (const [status, maybeRef] of Object.entries<Json>(op['responses'] ?? {})) {
        const media = deref(spec, maybeRef)['content']?.['application/json'];
        if (!media?.['schema']) continue;
        const key = `${op['operationId']}_${status}`;
        if (spec['components']?.['schemas']?.[key]) throw new Error(`schema name ${key} is taken`);
        const ref = media['schema']['$ref'];
        // A body that is just a named schema shares that schema's validator instead of getting a copy.
        const pointer = typeof ref === 'string' && Object.keys(media['schema']).length === 1
          ? ref.replace('#/components/schemas/', '#/$defs/')
          : `#/$defs/${key}`;
        if (pointer.endsWith(`/${key}`)) responses[key] = media['schema'];
        const examples = [
          ...(media['example'] !== undefined ? [{ name: 'example', value: media['example'] }] : []),
          ...Object.entries<Json>(media['examples'] ?? {}).map(([name, ex]) => ({ name, value: deref(spec, ex)['value'] })),
        ];
        entries.push({ operationId: op['operationId'], status, pointer, examples });
      }
    }
  }
  const document = rewrite({ $id: SCHEMA_ID, $defs: { ...spec['components']?.['schemas'], ...responses } });
  return { document, entries };
}

/** Words that document a schema but never change what it accepts: left out of the validators. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'deprecated', 'externalDocs', 'xml']);
/** Keywords whose value maps names to schemas: their keys are names, never keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** Drops vendor extensions and annotations, and points component refs at `$defs`. */
export function rewrite(node: unknown): any {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || ANNOTATIONS.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace('#/components/schemas/', '#/$defs/');
    else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, rewrite(schema)]));
    } else out[key] = rewrite(value);
  }
  return out;
}

export function deref(spec: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; current && typeof current['$ref'] === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${node['$ref']}`);
    const ref = current['$ref'] as string;
    if (!ref.startsWith('#/')) throw new Error(`unbundled $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json>((at, key) => at?.[key], spec);
    if (current === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return current;
}
