/** Defaults and sanity checks for FakeKalshiOptions. */

import type { FakeKalshiOptions, FaultOptions, RateLimitOptions } from './types.js';

export interface ResolvedOptions {
  seed: number;
  fills: number;
  settlements: number;
  marketPositions: number;
  port: number;
  timestampWindowMs: number;
  faults: Required<FaultOptions>;
  rateLimit: Required<RateLimitOptions> | undefined;
}

function count(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

function share(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`faults.${name} must be a share between 0 and 1, got ${v}`);
  return v;
}

export function resolveOptions(options: FakeKalshiOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const faults = {
    tooManyRequests: share('tooManyRequests', options.faults?.tooManyRequests),
    serverErrors: share('serverErrors', options.faults?.serverErrors),
    connectionResets: share('connectionResets', options.faults?.connectionResets),
    latencyMs: count('faults.latencyMs', options.faults?.latencyMs, 0),
  };
  if (faults.tooManyRequests + faults.serverErrors + faults.connectionResets > 1) {
    throw new RangeError('fault shares add up to more than 1');
  }
  let rateLimit: ResolvedOptions['rateLimit'];
  if (options.rateLimit) {
    const { tokensPerSecond, capacity, costPerRequest = 10 } = options.rateLimit;
    if (!(tokensPerSecond >= 0) || !(capacity > 0) || !(costPerRequest >= 0)) {
      throw new RangeError('rateLimit needs tokensPerSecond >= 0, capacity > 0, costPerRequest >= 0');
    }
    rateLimit = { tokensPerSecond, capacity, costPerRequest };
  }
  return {
    seed,
    fills: count('fills', options.fills, 250),
    settlements: count('settlements', options.settlements, 60),
    marketPositions: count('marketPositions', options.marketPositions, 40),
    port: count('port', options.port, 0),
    timestampWindowMs: count('timestampWindowMs', options.timestampWindowMs, 10_000),
    faults,
    rateLimit,
  };
}
