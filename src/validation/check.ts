import { responseValidators } from '../../generated/validators.js';
import { KalshiContractError, type SchemaViolation } from '../errors.js';

type Validator = ((data: unknown) => boolean) & { errors?: SchemaViolation[] | null };
const validators = responseValidators as Record<string, Record<string, Validator>>;

/** Validates a response body with the Ajv validator generated for its operation and status. */
export function checkResponse(operationId: string, status: number, body: unknown): void {
  const validate = validators[operationId]?.[String(status)];
  if (!validate || validate(body)) return;
  const violation = validate.errors?.[0];
  if (!violation) return;
  const pointer =
    violation.keyword === 'required'
      ? `${violation.instancePath}/${escapePointer(String(violation.params['missingProperty']))}`
      : violation.instancePath;
  throw new KalshiContractError({
    operationId,
    status,
    pointer,
    expected: expectation(violation),
    actual: describeFound(resolvePointer(body, pointer)),
    violation,
  });
}

function expectation(v: SchemaViolation): string {
  const p = v.params;
  switch (v.keyword) {
    case 'type':
      return String(p['type']);
    case 'required':
      return `property "${String(p['missingProperty'])}" to be present`;
    case 'pattern':
      return `string matching ${String(p['pattern'])}`;
    case 'format':
      return `${String(p['format'])} string`;
    case 'enum':
      return `one of ${(p['allowedValues'] as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    case 'const':
      return JSON.stringify(p['allowedValue']);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `number ${String(p['comparison'])} ${String(p['limit'])}`;
    case 'anyOf':
    case 'oneOf':
      return 'one of the shapes the spec allows';
    default:
      return v.message ?? v.keyword;
  }
}

function resolvePointer(body: unknown, pointer: string): unknown {
  if (pointer === '') return body;
  let at: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** What the server sent at a place, for a contract error: the server's data, so quoted (briefly), unlike a caller's value. */
function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
