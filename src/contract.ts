import { KalshiError } from './errors.js';

/** One of Ajv's error objects, as the generated validators report them. */
export interface SchemaViolation {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A success response whose body does not match the spec (only with `validateResponses: true`). */
export class KalshiContractError extends KalshiError {
  override name = 'KalshiContractError';
  readonly operationId: string;
  readonly status: number;
  /** JSON pointer into the response body of the offending value, e.g. `/fills/3/count_fp`. */
  readonly pointer: string;
  /** What the spec expects there, e.g. `integer` or `string matching ^-?[0-9]+\.[0-9]{2}$`. */
  readonly expected: string;
  /** What was found there, e.g. `string "12"` or `nothing`. */
  readonly actual: string;
  readonly violation: SchemaViolation;

  constructor(operationId: string, status: number, body: unknown, violation: SchemaViolation) {
    const pointer = violation.keyword === 'required'
      ? `${violation.instancePath}/${escapePointer(String(violation.params['missingProperty']))}`
      : violation.instancePath;
    const expected = expectation(violation);
    const actual = describeValue(resolvePointer(body, pointer));
    super(`${operationId} response (HTTP ${status}) does not match the spec at ${pointer || '/'}: expected ${expected}, got ${actual}`);
    this.operationId = operationId;
    this.status = status;
    this.pointer = pointer;
    this.expected = expected;
    this.actual = actual;
    this.violation = violation;
  }
}

type Validator = ((data: unknown) => boolean) & { errors?: SchemaViolation[] | null };
export type ResponseCheck = (operationId: string, status: number, body: unknown) => void;

/**
 * Loads the validators compiled from the spec. They are imported only when a client asks for
 * validation, so clients that do not pay nothing for them, not even the download.
 */
export async function loadResponseCheck(): Promise<ResponseCheck> {
  const { responseValidators } = (await import('../generated/validators.js')) as {
    responseValidators: Record<string, Record<string, Validator>>;
  };
  return (operationId, status, body) => {
    const validate = responseValidators[operationId]?.[String(status)];
    if (!validate || validate(body)) return;
    const violation = validate.errors?.[0];
    if (violation) throw new KalshiContractError(operationId, status, body, violation);
  };
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

function describeValue(value: unknown): string {
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
