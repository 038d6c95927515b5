/**
 * Query parameter validation with Kalshi's answer for bad parameters:
 * 400 with the bare shape {"msg":"Parameter validation failed for <Op>: ..."}.
 */

export class ParamError extends Error {
  constructor(readonly operation: string, detail: string) {
    super(`Parameter validation failed for ${operation}: ${detail}`);
    this.name = 'ParamError';
  }
}

export interface IntRule {
  min?: number;
  max?: number;
}

export interface QueryReader {
  /** A string parameter; absent and empty both read as undefined. */
  string(name: string): string | undefined;
  /** An integer parameter, or `fallback` when absent. */
  int(name: string, rule?: IntRule): number | undefined;
  int(name: string, rule: IntRule, fallback: number): number;
  /** `limit` in 1..max, default 100. */
  limit(max: number): number;
  /** `subaccount` in 0..63. */
  subaccount(): number | undefined;
  subaccount(fallback: number): number;
  /** `exchange_index` >= 0. */
  exchangeIndex(): number | undefined;
  /** A comma list whose items must come from `allowed` (empty items are skipped). */
  list<T extends string>(name: string, allowed: readonly T[]): T[] | undefined;
  /** One value that must come from `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  /** A comma list of free values (tickers), at most `max` of them (empty items are skipped). */
  names(name: string, max?: number): string[] | undefined;
}

/** "min_ts" -> "MinTs": the struct-field style name Kalshi's messages use. */
function fieldName(query: string): string {
  return query.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

export function readQuery(query: URLSearchParams, operation: string): QueryReader {
  const fail = (name: string, detail: string): never => {
    throw new ParamError(operation, `field '${fieldName(name)}' (query parameter '${name}') ${detail}`);
  };
  const raw = (name: string): string | undefined => {
    const value = query.get(name);
    return value === null || value === '' ? undefined : value;
  };

  function int(name: string, rule: IntRule = {}, fallback?: number): number | undefined {
    const text = raw(name);
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      return fail(name, `must be an integer, got ${JSON.stringify(text)}`);
    }
    const value = Number(text);
    if (rule.min !== undefined && value < rule.min) fail(name, `failed the 'gte' check: ${value} is below ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) fail(name, `failed the 'lte' check: ${value} is above ${rule.max}`);
    return value;
  }

  return {
    string: raw,
    int: int as QueryReader['int'],
    limit: (max) => int('limit', { min: 1, max }, 100)!,
    subaccount: ((fallback?: number) => int('subaccount', { min: 0, max: 63 }, fallback)) as QueryReader['subaccount'],
    exchangeIndex: () => int('exchange_index', { min: 0 }),
    list<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
      const text = raw(name);
      if (text === undefined) return undefined;
      const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
      for (const item of items) {
        if (!allowed.includes(item as T)) fail(name, `has ${JSON.stringify(item)}, expected one of ${allowed.join(', ')}`);
      }
      return items as T[];
    },
    oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
      const text = raw(name);
      if (text !== undefined && !allowed.includes(text as T)) fail(name, `failed the 'oneof' check: ${JSON.stringify(text)} is not one of ${allowed.join(', ')}`);
      return text as T | undefined;
    },
    names(name: string, max?: number): string[] | undefined {
      const text = raw(name);
      if (text === undefined) return undefined;
      const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (max !== undefined && items.length > max) fail(name, `failed the 'max' check: ${items.length} values, at most ${max}`);
      return items;
    },
  };
}
