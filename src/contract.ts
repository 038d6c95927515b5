import { KalshiError } from './errors.js';

/** One of Ajv's error objects, as the generated validators report them. */
export interface SchemaViolation {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Where and how a response body strays from the spec. */
export interface ContractMismatch {
  operationId: string;
  status: number;
  pointer: string;
  expected: string;
  actual: string;
  violation: SchemaViolation;
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

  constructor(mismatch: ContractMismatch) {
    super(
      `${mismatch.operationId} response (HTTP ${mismatch.status}) does not match the spec at ${mismatch.pointer || '/'}: expected ${mismatch.expected}, got ${mismatch.actual}`,
    );
    this.operationId = mismatch.operationId;
    this.status = mismatch.status;
    this.pointer = mismatch.pointer;
    this.expected = mismatch.expected;
    this.actual = mismatch.actual;
    this.violation = mismatch.violation;
  }
}

/** Throws a `KalshiContractError` when `body` is not what the spec allows for that operation and status. */
export type ResponseCheck = (operationId: string, status: number, body: unknown) => void;

/**
 * Loads the validators compiled from the spec (and the code that explains their findings). They
 * are imported only when a client asks for validation, so clients that do not pay nothing for
 * them, not even the download.
 */
export async function loadResponseCheck(): Promise<ResponseCheck> {
  const { checkResponse } = await import('./response-check.js');
  return checkResponse;
}
