/**
 * Request bodies: decoding JSON and reading typed fields, with Kalshi's three
 * ways of refusing one:
 *
 * - a body that is missing, not JSON, not an object, or has a field of the
 *   wrong JSON type cannot be decoded -> 400 flat {"code","message","details"};
 * - a decoded field that is missing or out of range fails validation
 *   -> 400 bare {"msg":"Parameter validation failed for <Op>: ..."};
 * - business rules (the account throws AccountError, routes FakeApiError)
 *   -> nested shape.
 */

import { ParamError } from './params.js';

/** An undecodable body; answered with the flat shape. */
export class BodyError extends Error {
  constructor(readonly details: string) {
    super('the request body could not be decoded');
    this.name = 'BodyError';
  }
}

export interface IntRule {
  min?: number;
  max?: number;
}

export interface BodyReader {
  /** An integer field (JSON number without a fraction), or `fallback` when absent or null. */
  int(name: string, rule?: IntRule): number | undefined;
  int(name: string, rule: IntRule, fallback: number): number;
  /** A required integer field. */
  requiredInt(name: string, rule?: IntRule): number;
  requiredBool(name: string): boolean;
  /** A required string field that must be a UUID. */
  requiredUuid(name: string): string;
  /** A required string field from a fixed set. */
  requiredEnum<T extends string>(name: string, allowed: readonly T[]): T;
  /** An optional string field from a fixed set. */
  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  /** A required array of objects, each read with its own reader (field names prefixed `name[i].`). */
  requiredObjects(name: string): BodyReader[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "amount_cents" -> "AmountCents": the struct-field style name Kalshi's messages use. */
function fieldName(path: string): string {
  return path.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Decodes a body that must be a JSON object; throws BodyError otherwise. */
export function readBody(text: string, operation: string): BodyReader {
  if (text.trim() === '') throw new BodyError('the request has no body; send a JSON object (at least {})');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BodyError(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (jsonType(parsed) !== 'object') throw new BodyError(`the body must be a JSON object, got ${jsonType(parsed)}`);
  return objectReader(parsed as Record<string, unknown>, operation, '');
}

function objectReader(object: Record<string, unknown>, operation: string, prefix: string): BodyReader {
  const path = (name: string) => `${prefix}${name}`;
  const invalid = (name: string, detail: string): never => {
    throw new ParamError(operation, `field '${fieldName(name)}' (body field '${path(name)}') ${detail}`);
  };
  const wrongType = (name: string, expected: string, value: unknown): never => {
    throw new BodyError(`body field '${path(name)}' must be ${expected}, got ${jsonType(value)}`);
  };
  const present = (name: string): unknown => {
    const value = Object.hasOwn(object, name) ? object[name] : undefined;
    return value === null ? undefined : value;
  };
  const required = (name: string): unknown => {
    const value = present(name);
    return value === undefined ? invalid(name, "failed on the 'required' tag") : value;
  };

  function checkInt(name: string, value: unknown, rule: IntRule): number {
    if (typeof value !== 'number') return wrongType(name, 'an integer', value);
    if (!Number.isInteger(value)) throw new BodyError(`body field '${path(name)}' must be an integer, got ${value}`);
    if (!Number.isSafeInteger(value)) invalid(name, `is out of range: ${value}`);
    if (rule.min !== undefined && value < rule.min) invalid(name, `failed on the 'gte' tag: ${value} is below ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) invalid(name, `failed on the 'lte' tag: ${value} is above ${rule.max}`);
    return value;
  }

  function checkEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string') return wrongType(name, 'a string', value);
    if (!allowed.includes(value as T)) invalid(name, `failed on the 'oneof' tag: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  function int(name: string, rule: IntRule = {}, fallback?: number): number | undefined {
    const value = present(name);
    return value === undefined ? fallback : checkInt(name, value, rule);
  }

  return {
    int: int as BodyReader['int'],
    requiredInt: (name, rule = {}) => checkInt(name, required(name), rule),
    requiredBool(name) {
      const value = required(name);
      return typeof value === 'boolean' ? value : wrongType(name, 'a boolean', value);
    },
    requiredUuid(name) {
      const value = required(name);
      if (typeof value !== 'string') return wrongType(name, 'a string', value);
      if (!UUID.test(value)) invalid(name, `failed on the 'uuid' tag: ${JSON.stringify(value)}`);
      return value;
    },
    requiredEnum: (name, allowed) => checkEnum(name, required(name), allowed),
    optionalEnum(name, allowed) {
      const value = present(name);
      return value === undefined ? undefined : checkEnum(name, value, allowed);
    },
    requiredObjects(name) {
      const value = required(name);
      if (!Array.isArray(value)) return wrongType(name, 'an array', value);
      return value.map((item, i) => {
        if (jsonType(item) !== 'object') return wrongType(`${name}[${i}]`, 'an object', item);
        return objectReader(item as Record<string, unknown>, operation, `${path(name)}[${i}].`);
      });
    },
  };
}
