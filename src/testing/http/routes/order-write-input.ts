/**
 * Reading v2 order-write requests for the fake: the JSON body and query fields, checked the way
 * Kalshi checks them (a body that is not a JSON object is a flat 400, a bad field a nested 400
 * `invalid_parameters`), and the engine's refusals turned into answers.
 */

import { type MatchingEngine, type NewOrder, OrderWriteError, matchingEngineFor } from '../../data/matching.js';
import { parseCount, parseDollars, wireCount, wireDollars } from '../../data/wire-money.js';
import { FakeApiError } from '../api-error.js';
import { BodyError } from '../body.js';
import type { RouteContext } from './route.js';

export type Fields = Record<string, unknown>;

const invalid = (details: string) => new FakeApiError(400, 'invalid_parameters', 'invalid parameters', details);

export function jsonObject(text: string): Fields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError('the request body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BodyError('the request body must be a JSON object');
  return value as Fields;
}

export function text(fields: Fields, name: string, required: true): string;
export function text(fields: Fields, name: string, required?: false): string | undefined;
export function text(fields: Fields, name: string, required = false): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) {
    if (required) throw invalid(`${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || value === '') throw invalid(`${name} must be a non-empty string`);
  return value;
}

export function choice<T extends string>(fields: Fields, name: string, allowed: readonly T[]): T {
  const value = fields[name];
  if (!allowed.includes(value as T)) throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function flag(fields: Fields, name: string): boolean {
  const value = fields[name] ?? false;
  if (typeof value !== 'boolean') throw invalid(`${name} must be a boolean`);
  return value;
}

export function whole(fields: Fields, name: string, min: number): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalid(`${name} must be a whole number of at least ${min}`);
  return value;
}

export function count(fields: Fields, name: string, required: true): bigint;
export function count(fields: Fields, name: string, required?: false): bigint | undefined;
export function count(fields: Fields, name: string, required = false): bigint | undefined {
  const raw = required ? text(fields, name, true) : text(fields, name);
  if (raw === undefined) return undefined;
  try {
    return parseCount(raw);
  } catch {
    throw invalid(`${name} must be a fixed-point count such as "10.00", got ${JSON.stringify(raw)}`);
  }
}

export function price(fields: Fields, name: string): bigint {
  const raw = text(fields, name, true);
  try {
    return parseDollars(raw);
  } catch {
    throw invalid(`${name} must be a dollar amount such as "0.5600", got ${JSON.stringify(raw)}`);
  }
}

/** A query integer (subaccount, exchange_index), or undefined when absent. */
export function queryInt(query: URLSearchParams, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw invalid(`${name} must be a whole number of at least ${min}`);
  return value;
}

export const TIME_IN_FORCE = ['fill_or_kill', 'good_till_canceled', 'immediate_or_cancel'] as const;
export const SELF_TRADE_PREVENTION = ['taker_at_cross', 'maker'] as const;
export const BOOK_SIDES = ['bid', 'ask'] as const;

/** One create request (a body, or one item of a batch). */
export function newOrder(fields: Fields): NewOrder {
  return {
    ticker: text(fields, 'ticker', true),
    clientOrderId: text(fields, 'client_order_id'),
    side: choice(fields, 'side', BOOK_SIDES),
    count: count(fields, 'count', true),
    price: price(fields, 'price'),
    timeInForce: choice(fields, 'time_in_force', TIME_IN_FORCE),
    selfTradePrevention: choice(fields, 'self_trade_prevention_type', SELF_TRADE_PREVENTION),
    postOnly: flag(fields, 'post_only'),
    reduceOnly: flag(fields, 'reduce_only'),
    cancelOnPause: flag(fields, 'cancel_order_on_pause'),
    expirationS: whole(fields, 'expiration_time', 0),
    subaccount: whole(fields, 'subaccount', 0) ?? 0,
    orderGroupId: text(fields, 'order_group_id'),
  };
}

/** The engine of the fake serving this request. */
export function engineOf(ctx: RouteContext): MatchingEngine {
  return matchingEngineFor(ctx.data);
}

/** Runs an engine call, answering its refusals as the API does (nested shape). */
export function engineCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof OrderWriteError) {
      // FakeApiError has no 409-less variant for these statuses: all three are among its own.
      throw new FakeApiError(error.status, error.code, error.message, error.details);
    }
    throw error;
  }
}

/** The error object of a failed batch item (the nested shape's inner object). */
export function itemError(error: unknown): { code: string; message: string; details?: string } {
  if (error instanceof OrderWriteError || error instanceof FakeApiError) {
    return error.details === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof BodyError) return { code: 'bad_request', message: 'bad request', details: error.details };
  throw error;
}

export const wirePrice = (micros: bigint) => wireDollars(micros, 4);
export { wireCount };
