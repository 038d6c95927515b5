import { KalshiInputError, describeValue } from '../errors.js';

/**
 * Refuses a write body that would not survive JSON.stringify as given (an error, or a value
 * silently dropped or changed), naming the place in the body. Loaded with the first write: an
 * app that only reads never downloads it.
 */
export function checkJsonBody(operationId: string, body: unknown): void {
  const problem = jsonProblem(body, 'body', new Set());
  if (problem) throw new KalshiInputError(`${operationId} cannot send its request body: ${problem}`);
}

/**
 * Where `value` would not survive JSON.stringify as given (an error, or a value silently dropped
 * or changed), described with its place in the body; undefined when it would.
 */
function jsonProblem(value: unknown, at: string, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${at} is ${value}, which JSON would send as null`;
    case 'bigint':
      return `${at} is a bigint, which JSON cannot carry; pass a number`;
    case 'symbol':
    case 'function':
      return `${at} is a ${typeof value}, which JSON cannot carry`;
  }
  if (value === null) return undefined;
  const object = value as object;
  if (ancestors.has(object)) return `${at} refers back to an object that contains it (a circular structure)`;
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function') {
    try {
      JSON.stringify(object);
      return undefined;
    } catch (error) {
      return `${at} cannot be turned into JSON: ${error instanceof Error ? error.message : describeValue(error)}`;
    }
  }
  if (object instanceof Map || object instanceof Set) return `${at} is ${describeValue(object)}, which JSON would send as {}`;
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      for (const [index, item] of object.entries()) {
        if (item === undefined) return `${at}[${index}] is undefined, which JSON would send as null`;
        const problem = jsonProblem(item, `${at}[${index}]`, ancestors);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(object)) {
      const problem = jsonProblem(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`, ancestors);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(object);
  }
}
