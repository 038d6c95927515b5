/** Defaults and sanity checks for FakeKalshiOptions. */

import type { DatasetOptions } from '../data/dataset.js';
import type {
  FakeActivityOptions, FakeApiGrant, FakeBucketOptions, FakeKalshiOptions, FakeRateLimitOptions, FaultOptions, StreamStallOptions,
} from './options.js';
import { ROUTES, operationIdOf } from './routes/index.js';

/** The options with every default settled: what the dataset needs, and how the server behaves. */
export interface ResolvedOptions extends DatasetOptions {
  /** operationIds answered 403. */
  forbidden: ReadonlySet<string>;
  port: number;
  timestampWindowMs: number;
  clockOffsetMs: number;
  streamPingMs: number;
  activity: FakeActivityOptions | undefined;
  faults: RestFaults & StreamFaults;
  rateLimit: ResolvedRateLimit | undefined;
}

/** The `rateLimit` option with its defaults settled. */
export interface ResolvedRateLimit {
  read: FakeBucketOptions;
  write: FakeBucketOptions;
  costPerRequest: number;
  usageTier: string;
  grants: FakeApiGrant[];
}

type RestFaults = Required<Pick<FaultOptions, 'tooManyRequests' | 'serverErrors' | 'connectionResets' | 'latencyMs' | 'restLagMs'>>;

export interface StreamFaults {
  streamDropEveryMs: number | undefined;
  streamLostMessages: number;
  streamStall: Required<StreamStallOptions> | undefined;
}

function count(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

function offset(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!Number.isSafeInteger(v)) throw new RangeError(`${name} must be an integer number of milliseconds, got ${v}`);
  return v;
}

function share(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`faults.${name} must be a share between 0 and 1, got ${v}`);
  return v;
}

function positiveMs(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number of ms, got ${value}`);
  return value;
}

function stall(value: StreamStallOptions | undefined): Required<StreamStallOptions> | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isFinite(value.afterMs) && value.afterMs >= 0)) throw new RangeError(`faults.streamStall.afterMs must be a non-negative number of ms, got ${value.afterMs}`);
  return { afterMs: value.afterMs, share: value.share === undefined ? 1 : share('streamStall.share', value.share) };
}

function activity(value: FakeActivityOptions | undefined): FakeActivityOptions | undefined {
  if (value === undefined) return undefined;
  const { fillsPerSecond } = value;
  if (!(Number.isFinite(fillsPerSecond) && fillsPerSecond > 0 && fillsPerSecond <= 1000)) {
    throw new RangeError(`activity.fillsPerSecond must be more than 0 and at most 1000, got ${fillsPerSecond}`);
  }
  return { fillsPerSecond };
}

function cutoffDays(value: number | null | undefined): number | null {
  if (value === null) return null;
  const v = value ?? 90;
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`historicalCutoffDays must be a non-negative number or null, got ${v}`);
  return v;
}

function forbiddenOperations(names: readonly string[] | undefined): ReadonlySet<string> {
  const known = new Set(ROUTES.map(operationIdOf));
  for (const name of names ?? []) {
    if (!known.has(name)) throw new RangeError(`forbidden: unknown operationId ${JSON.stringify(name)} (known: ${[...known].join(', ')})`);
  }
  return new Set(names ?? []);
}

function bucket(name: string, value: FakeBucketOptions): FakeBucketOptions {
  const { tokensPerSecond, capacity } = value;
  if (!(Number.isFinite(tokensPerSecond) && tokensPerSecond >= 0) || !(Number.isFinite(capacity) && capacity > 0)) {
    throw new RangeError(`${name} needs tokensPerSecond >= 0 and capacity > 0, got ${tokensPerSecond} and ${capacity}`);
  }
  return { tokensPerSecond, capacity };
}

const INSTANCES: readonly unknown[] = ['event_contract', 'margined'];

function grant(value: FakeApiGrant, i: number): FakeApiGrant {
  const fail = (what: string) => new RangeError(`rateLimit.grants[${i}]: ${what}`);
  if (!INSTANCES.includes(value.exchange_instance)) throw fail(`exchange_instance must be event_contract or margined, got ${JSON.stringify(value.exchange_instance)}`);
  if (typeof value.level !== 'string' || value.level === '') throw fail('level must be a tier name');
  if (typeof value.source !== 'string' || value.source === '') throw fail('source must be a non-empty string');
  const expires = value.expires_ts;
  if (expires !== undefined && expires !== null && !Number.isSafeInteger(expires)) throw fail(`expires_ts must be whole Unix seconds or null, got ${expires}`);
  return { exchange_instance: value.exchange_instance, level: value.level, expires_ts: expires ?? null, source: value.source };
}

function resolveRateLimit(options: FakeRateLimitOptions): ResolvedRateLimit {
  const { costPerRequest = 10, usageTier = 'basic' } = options;
  if (!(Number.isFinite(costPerRequest) && costPerRequest >= 0)) throw new RangeError(`rateLimit.costPerRequest must be >= 0, got ${costPerRequest}`);
  if (typeof usageTier !== 'string' || usageTier === '') throw new RangeError('rateLimit.usageTier must be a tier name');
  const read = bucket('rateLimit', options);
  return {
    read,
    write: options.write === undefined ? { ...read } : bucket('rateLimit.write', options.write),
    costPerRequest,
    usageTier,
    grants: (options.grants ?? []).map(grant),
  };
}

export function resolveOptions(options: FakeKalshiOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const faults = {
    tooManyRequests: share('tooManyRequests', options.faults?.tooManyRequests),
    serverErrors: share('serverErrors', options.faults?.serverErrors),
    connectionResets: share('connectionResets', options.faults?.connectionResets),
    latencyMs: count('faults.latencyMs', options.faults?.latencyMs, 0),
    restLagMs: count('faults.restLagMs', options.faults?.restLagMs, 0),
    streamDropEveryMs: positiveMs('faults.streamDropEveryMs', options.faults?.streamDropEveryMs),
    streamLostMessages: share('streamLostMessages', options.faults?.streamLostMessages),
    streamStall: stall(options.faults?.streamStall),
  };
  if (faults.tooManyRequests + faults.serverErrors + faults.connectionResets > 1) {
    throw new RangeError('fault shares add up to more than 1');
  }
  const rateLimit = options.rateLimit ? resolveRateLimit(options.rateLimit) : undefined;
  return {
    seed,
    fills: count('fills', options.fills, 250),
    settlements: count('settlements', options.settlements, 60),
    marketPositions: count('marketPositions', options.marketPositions, 40),
    deposits: count('deposits', options.deposits, 40),
    withdrawals: count('withdrawals', options.withdrawals, 15),
    subaccountTransfers: count('subaccountTransfers', options.subaccountTransfers, 30),
    intraExchangeTransfers: count('intraExchangeTransfers', options.intraExchangeTransfers, 12),
    historicalCutoffDays: cutoffDays(options.historicalCutoffDays),
    forbidden: forbiddenOperations(options.forbidden),
    port: count('port', options.port, 0),
    timestampWindowMs: count('timestampWindowMs', options.timestampWindowMs, 10_000),
    clockOffsetMs: offset('clockOffsetMs', options.clockOffsetMs),
    streamPingMs: count('streamPingMs', options.streamPingMs, 10_000),
    activity: activity(options.activity),
    faults,
    rateLimit,
  };
}
