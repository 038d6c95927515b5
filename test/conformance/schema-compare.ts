/**
 * Structural comparison of two JSON Schemas from two documents: where would OURS refuse a value
 * THEIRS describes? Used to hold our spec against Kalshi's OpenAPI 3.31.0 (spec-vs-kalshi.test.ts).
 * Both documents must already speak JSON Schema's `type: [t, "null"]` / `anyOf [.., null]` for
 * nullable (upstream.ts converts Kalshi's OpenAPI 3.0 `nullable`).
 */
import { deref, type Json } from '../../scripts/lib/json-schema.js';

interface Shape {
  types: Set<string>;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  required: Set<string>;
  properties: Map<string, Shape>;
  items?: Shape;
  closed: boolean;
}

const SIZE_HINTS = new Set(['int32', 'int64', 'double', 'float']);

/** One schema as a flat shape: references resolved, allOf merged, a null branch of anyOf/oneOf folded into the types. */
function shapeOf(doc: Json, schema: Json | undefined, depth = 0): Shape {
  const out: Shape = { types: new Set(), required: new Set(), properties: new Map(), closed: false };
  if (!schema || depth > 30) return out;
  const node = schema['$ref'] ? { ...deref(doc, schema), ...withoutRef(schema) } : schema;
  const parts: Json[] = [node, ...((node['allOf'] as Json[] | undefined) ?? [])];
  const branches = (node['anyOf'] ?? node['oneOf']) as Json[] | undefined;
  if (branches) {
    const nonNull = branches.filter((b) => b['type'] !== 'null');
    if (nonNull.length < branches.length) out.types.add('null');
    if (nonNull.length === 1) parts.push(nonNull[0]!);
    else for (const branch of nonNull) merge(out, shapeOf(doc, branch, depth + 1), 'union');
  }
  for (const part of parts) {
    const resolved = part === node ? part : part['$ref'] ? { ...deref(doc, part), ...withoutRef(part) } : part;
    if (part !== node) {
      merge(out, shapeOf(doc, resolved, depth + 1), 'all');
      continue;
    }
    const type = resolved['type'];
    for (const t of Array.isArray(type) ? type : type ? [type] : []) out.types.add(t as string);
    if (Array.isArray(resolved['enum'])) out.enum = resolved['enum'];
    if (resolved['const'] !== undefined) out.enum = [resolved['const']];
    if (typeof resolved['pattern'] === 'string') out.pattern = resolved['pattern'];
    if (typeof resolved['format'] === 'string' && !SIZE_HINTS.has(resolved['format'])) out.format = resolved['format'];
    if (typeof resolved['minimum'] === 'number') out.minimum = resolved['minimum'];
    if (typeof resolved['maximum'] === 'number') out.maximum = resolved['maximum'];
    for (const name of (resolved['required'] as string[] | undefined) ?? []) out.required.add(name);
    for (const [name, sub] of Object.entries((resolved['properties'] as Record<string, Json> | undefined) ?? {})) out.properties.set(name, shapeOf(doc, sub, depth + 1));
    if (resolved['items']) out.items = shapeOf(doc, resolved['items'], depth + 1);
    if (resolved['additionalProperties'] === false) out.closed = true;
  }
  return out;
}

function withoutRef(schema: Json): Json {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

function merge(into: Shape, from: Shape, how: 'all' | 'union'): void {
  for (const t of from.types) into.types.add(t);
  into.enum ??= from.enum;
  into.pattern ??= from.pattern;
  into.format ??= from.format;
  into.minimum ??= from.minimum;
  into.maximum ??= from.maximum;
  if (how === 'all') for (const r of from.required) into.required.add(r);
  for (const [name, shape] of from.properties) if (!into.properties.has(name)) into.properties.set(name, shape);
  into.items ??= from.items;
  into.closed ||= from.closed;
}

/**
 * Where a value `theirs` describes could be refused by `ours`, one line each, as
 * `<at>: <what>`. Fields theirs lists that ours does not are reported as `omits`: our schemas
 * accept them (unknown fields pass), but our types do not carry them.
 */
export function refusals(oursDoc: Json, ours: Json, theirsDoc: Json, theirs: Json, at: string): string[] {
  const out: string[] = [];
  compare(shapeOf(oursDoc, ours), shapeOf(theirsDoc, theirs), at, out, 0);
  return out;
}

function compare(ours: Shape, theirs: Shape, at: string, out: string[], depth: number): void {
  if (depth > 12) return;
  if (ours.types.size > 0 && theirs.types.size > 0) {
    const missing = [...theirs.types].filter((t) => !ours.types.has(t) && !(t === 'integer' && ours.types.has('number')));
    if (missing.length > 0) out.push(`${at}: type ${[...theirs.types].join('|')} where ours is ${[...ours.types].join('|')}`);
  }
  if (ours.enum) {
    const extra = theirs.enum ? theirs.enum.filter((v) => !ours.enum!.includes(v) && v !== null) : ['(any)'];
    if (extra.length > 0) out.push(`${at}: enum ${JSON.stringify(ours.enum)} refuses ${JSON.stringify(extra)}`);
  }
  if (ours.pattern && ours.pattern !== theirs.pattern) out.push(`${at}: pattern ${ours.pattern} where theirs has ${theirs.pattern ?? 'none'}`);
  if (ours.format && ours.format !== theirs.format) out.push(`${at}: format ${ours.format} where theirs has ${theirs.format ?? 'none'}`);
  if (ours.minimum !== undefined && !(theirs.minimum !== undefined && theirs.minimum >= ours.minimum)) out.push(`${at}: minimum ${ours.minimum} where theirs has ${theirs.minimum ?? 'none'}`);
  if (ours.maximum !== undefined && !(theirs.maximum !== undefined && theirs.maximum <= ours.maximum)) out.push(`${at}: maximum ${ours.maximum} where theirs has ${theirs.maximum ?? 'none'}`);
  for (const name of ours.required) if (!theirs.required.has(name)) out.push(`${at}.${name}: required by ours, optional in theirs`);
  if (ours.closed && !theirs.closed) out.push(`${at}: ours refuses unknown fields`);
  for (const [name, shape] of theirs.properties) {
    const mine = ours.properties.get(name);
    if (!mine) out.push(`${at}.${name}: omits`);
    else compare(mine, shape, `${at}.${name}`, out, depth + 1);
  }
  if (ours.items && theirs.items) compare(ours.items, theirs.items, `${at}[]`, out, depth + 1);
}
