/**
 * Kalshi's own published documents (OpenAPI 3.31.0 for REST, AsyncAPI 2.0.0 for the WebSocket) as
 * test oracles: read from `../shared/upstream/` beside the repository (CI has that path too; they
 * are never vendored into the project), compiled with the project's Ajv configuration.
 *
 * The documents' known flaws are patched here, each narrowly, and each patch counts what it
 * touched so a test can pin the count: a new version of a document that fixes (or adds to) a flaw
 * shows up as a failing count instead of passing silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createAjv } from '../../scripts/lib/ajv.js';
import { deref, type Json, responseSchemaDocument, rewrite, SCHEMA_ID } from '../../scripts/lib/json-schema.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const UPSTREAM_DIR = join(repoRoot, '..', 'shared', 'upstream');
export const KALSHI_OPENAPI_FILE = 'kalshi-openapi-3.31.0.yaml';
export const KALSHI_ASYNCAPI_FILE = 'kalshi-asyncapi-2.0.0.yaml';

/** One of Kalshi's documents, parsed; a clear error when the folder is not where CI puts it. */
export function readUpstream(file: string): Json {
  const path = join(UPSTREAM_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `Kalshi's published document ${file} is missing: expected it at ${path} ` +
        '(the folder ../shared/upstream beside the repository, which CI provides; see docs/conformance.md)',
    );
  }
  return parse(readFileSync(path, 'utf8')) as Json;
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/** Ajv for Kalshi's documents: the project's configuration, minus the lints that judge a schema's style rather than what it accepts. */
function kalshiAjv() {
  // strictTypes/strictRequired complain about how Kalshi wrote its schemas (e.g. `minimum` beside a
  // `$ref`), which is not ours to fix; strictSchema stays on, so an unknown keyword or format
  // still fails loudly instead of being ignored.
  const ajv = createAjv({ strictTypes: false, strictRequired: false });
  // OpenAPI's `double` is a size hint like int32/int64, not a constraint.
  ajv.addFormat('double', true);
  return ajv;
}

/** What the OpenAPI 3.0 → JSON Schema conversion patched. */
export interface NullablePatches {
  /** `nullable: true` beside a `$ref` (where OpenAPI 3.0 ignores every sibling of `$ref`). Kalshi means nullable. */
  besideRef: number;
  /** `nullable: true` beside `allOf` without a `type` (OpenAPI 3.0 applies nullable only with a type). Kalshi means nullable. */
  withoutType: number;
  /** `nullable: true` with a `type`, as OpenAPI 3.0 intends. */
  withType: number;
}

/** Keywords whose value maps names to schemas: their keys are names, never keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'schemas', 'responses', 'parameters', 'paths', 'requestBodies', 'securitySchemes', 'content', 'examples']);

/** OpenAPI 3.0's `nullable` as JSON Schema: `null` joins the type, or the whole schema becomes `anyOf [it, null]`. */
function convertNullable(node: unknown, patches: NullablePatches, inNameMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => convertNullable(item, patches));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = convertNullable(value, patches, !inNameMap && NAME_MAPS.has(key));
  if (inNameMap || out['nullable'] !== true) return out;
  delete out['nullable'];
  if (typeof out['type'] === 'string') {
    patches.withType++;
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    return out;
  }
  if (typeof out['$ref'] === 'string') patches.besideRef++;
  else patches.withoutType++;
  const { description, deprecated, example, ...schema } = out;
  return { description, deprecated, example, anyOf: [schema, { type: 'null' }] };
}

export interface KalshiOperation {
  operationId: string;
  method: string;
  path: string;
  /** Path and query parameters, references resolved. */
  parameters: Json[];
  requestBody: Json | undefined;
  responses: Record<string, Json>;
}

export interface KalshiRest {
  document: Json;
  patches: NullablePatches;
  /** Kalshi's operation at this method (any case) and path template (without /trade-api/v2), or undefined. */
  operation(method: string, path: string): KalshiOperation | undefined;
  /** The validator of Kalshi's body for this operation and status, or undefined if Kalshi lists none. */
  response(operation: KalshiOperation, status: number): Validate | undefined;
  /** A validator for one of Kalshi's component schemas (e.g. `ErrorResponse`). */
  component(name: string): Validate;
  /** The validator of Kalshi's JSON request body for this operation, or undefined if it takes none. */
  requestBody(operation: KalshiOperation): Validate | undefined;
  /** A validator for a parameter's schema. */
  parameter(parameter: Json): Validate;
}

let rest: KalshiRest | undefined;

/** Kalshi's OpenAPI 3.31.0, compiled once per test file. */
export function kalshiRest(): KalshiRest {
  if (rest) return rest;
  const raw = readUpstream(KALSHI_OPENAPI_FILE);
  const patches: NullablePatches = { besideRef: 0, withoutType: 0, withType: 0 };
  const document = convertNullable(raw, patches) as Json;
  const { document: schemas, entries } = responseSchemaDocument(document);
  const ajv = kalshiAjv();
  ajv.addSchema(schemas);
  const byPointer = (pointer: string) => {
    const validate = ajv.getSchema(`${SCHEMA_ID}${pointer}`);
    if (!validate) throw new Error(`Kalshi's OpenAPI has no schema at ${pointer}`);
    return validate as Validate;
  };
  const inline = new Map<unknown, Validate>();
  // Request bodies and parameters are not in `$defs`: compiled on demand, resolving refs against it.
  const compileInline = (schema: Json): Validate => {
    let validate = inline.get(schema);
    if (!validate) {
      const text = JSON.stringify(rewrite(schema)).replaceAll('"#/$defs/', `"${SCHEMA_ID}#/$defs/`);
      validate = ajv.compile(JSON.parse(text) as Json) as Validate;
      inline.set(schema, validate);
    }
    return validate;
  };
  rest = {
    document,
    patches,
    operation(method, path) {
      const op = document['paths']?.[path]?.[method.toLowerCase()] as Json | undefined;
      if (!op) return undefined;
      return {
        operationId: op['operationId'],
        method: method.toUpperCase(),
        path,
        parameters: (op['parameters'] ?? []).map((p: Json) => deref(document, p)),
        requestBody: op['requestBody'] ? deref(document, op['requestBody']) : undefined,
        responses: op['responses'] ?? {},
      };
    },
    response(operation, status) {
      const entry = entries.find((e) => e.operationId === operation.operationId && e.status === String(status));
      return entry ? byPointer(entry.pointer) : undefined;
    },
    component: (name) => byPointer(`#/$defs/${name}`),
    requestBody(operation) {
      const schema = operation.requestBody?.['content']?.['application/json']?.['schema'] as Json | undefined;
      return schema ? compileInline(schema) : undefined;
    },
    parameter: (parameter) => compileInline(parameter['schema'] ?? {}),
  };
  return rest;
}

export interface KalshiStreamDocument {
  document: Json;
  /** The document with its ticker pattern patched (see below): what the validators use. */
  patched: Json;
  /** The validator of a message's payload, by its key under `components.messages` (e.g. `fill`, `errorResponse`). */
  message(name: string): Validate;
  /** Every message under `components.messages` with its examples, for checking the oracle itself. */
  messages: Array<{ name: string; examples: Array<{ name: string; payload: unknown }> }>;
}

/**
 * Kalshi's market tickers contain `.` (e.g. `KXBTCD-25AUG0517-T114999.99`, the document's own
 * examples), but the AsyncAPI `marketTicker` pattern leaves it out. Widened by exactly that one
 * character; the pattern must be the flawed one, so a fixed document makes this fail and go.
 */
const FLAWED_TICKER_PATTERN = '^[A-Z0-9-]+$';
export const PATCHED_TICKER_PATTERN = '^[A-Z0-9.-]+$';

let stream: KalshiStreamDocument | undefined;

/** Kalshi's AsyncAPI 2.0.0 (an AsyncAPI 3.0 document), compiled once per test file. */
export function kalshiStreamDocument(): KalshiStreamDocument {
  if (stream) return stream;
  const document = readUpstream(KALSHI_ASYNCAPI_FILE);
  const schemas = structuredClone(document['components']['schemas']) as Json;
  if (schemas['marketTicker']?.['pattern'] !== FLAWED_TICKER_PATTERN) {
    throw new Error(`Kalshi's AsyncAPI marketTicker pattern is no longer ${FLAWED_TICKER_PATTERN}: drop the patch in test/support/upstream.ts`);
  }
  schemas['marketTicker']['pattern'] = PATCHED_TICKER_PATTERN;
  // responseSchemaDocument turns `components.schemas` into `$defs` of one Ajv document.
  const { document: compiled } = responseSchemaDocument({ paths: {}, components: { schemas } });
  const ajv = kalshiAjv();
  ajv.addSchema(compiled);
  const messages = document['components']['messages'] as Record<string, Json>;
  const validators = new Map<string, Validate>();
  stream = {
    document,
    patched: { ...document, components: { ...document['components'], schemas } },
    message(name) {
      let validate = validators.get(name);
      if (!validate) {
        const ref = messages[name]?.['payload']?.['$ref'] as string | undefined;
        if (!ref) throw new Error(`Kalshi's AsyncAPI has no message ${name} with a payload reference`);
        validate = ajv.getSchema(`${SCHEMA_ID}${ref.replace('#/components/schemas/', '#/$defs/')}`) as Validate | undefined;
        if (!validate) throw new Error(`Kalshi's AsyncAPI message ${name} points at a missing schema ${ref}`);
        validators.set(name, validate);
      }
      return validate;
    },
    messages: Object.entries(messages).map(([name, message]) => ({
      name,
      examples: ((message['examples'] ?? []) as Json[]).map((example) => ({ name: example['name'], payload: example['payload'] })),
    })),
  };
  return stream;
}

/** Ajv's errors as one line, for assertion messages. */
export function errorsOf(validate: Validate): string {
  return JSON.stringify(validate.errors ?? []).slice(0, 1500);
}
