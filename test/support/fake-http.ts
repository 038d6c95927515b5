/** Test-side Kalshi signing (node:crypto, independent of the fake's code) and small HTTP helpers. */

import { constants, sign } from 'node:crypto';
import { type FakeKalshi, type FakeKalshiOptions, startFakeKalshi } from '../../src/testing/index.js';

export interface SignOptions {
  method?: string;
  keyId?: string;
  privateKeyPem?: string;
  /** Defaults to Date.now(). */
  timestamp?: string | number;
  /** Path to sign; defaults to the request's full path without the query. */
  signPath?: string;
  /** Method string to sign; defaults to `method`. */
  signMethod?: string;
  saltLength?: number;
  /** Headers to leave out. */
  omit?: Array<'KALSHI-ACCESS-KEY' | 'KALSHI-ACCESS-TIMESTAMP' | 'KALSHI-ACCESS-SIGNATURE'>;
}

export function signature(privateKeyPem: string, message: string, saltLength = 32): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key: privateKeyPem,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength,
  }).toString('base64');
}

/** The URL for a path relative to the base URL, e.g. "/portfolio/fills?limit=5". */
export function urlOf(fake: FakeKalshi, relative: string): URL {
  return new URL(fake.baseUrl + relative);
}

export function signedHeaders(fake: FakeKalshi, relative: string, options: SignOptions = {}): Record<string, string> {
  const method = options.method ?? 'GET';
  const url = urlOf(fake, relative);
  const timestamp = String(options.timestamp ?? Date.now());
  const message = `${timestamp}${options.signMethod ?? method}${options.signPath ?? url.pathname}`;
  const headers: Record<string, string> = {
    'KALSHI-ACCESS-KEY': options.keyId ?? fake.keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature(options.privateKeyPem ?? fake.privateKeyPem, message, options.saltLength),
  };
  for (const name of options.omit ?? []) delete headers[name];
  return headers;
}

export function signedFetch(fake: FakeKalshi, relative: string, options: SignOptions = {}): Promise<Response> {
  return fetch(urlOf(fake, relative), { method: options.method ?? 'GET', headers: signedHeaders(fake, relative, options) });
}

export interface JsonAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = any>(fake: FakeKalshi, relative: string, options: SignOptions = {}): Promise<JsonAnswer<T>> {
  const res = await signedFetch(fake, relative, options);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export interface SendOptions extends SignOptions {
  /** An object or array is sent as JSON; a string is sent as is; undefined sends no body. */
  body?: unknown;
}

/** A signed request with a body (POST by default); answers parsed like getJson. */
export async function sendJson<T = any>(fake: FakeKalshi, relative: string, options: SendOptions = {}): Promise<JsonAnswer<T>> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = signedHeaders(fake, relative, { ...options, method });
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(urlOf(fake, relative), { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Follows cursors until the empty cursor; returns every page's body. */
export async function allPages(fake: FakeKalshi, relative: string): Promise<any[]> {
  const pages: any[] = [];
  let cursor = '';
  do {
    const sep = relative.includes('?') ? '&' : '?';
    const answer = await getJson(fake, cursor ? `${relative}${sep}cursor=${encodeURIComponent(cursor)}` : relative);
    if (answer.status !== 200) throw new Error(`page ${pages.length} answered ${answer.status}`);
    pages.push(answer.body);
    cursor = answer.body.cursor;
    if (pages.length > 10_000) throw new Error('cursor never ended');
  } while (cursor !== '');
  return pages;
}

/** Dollar string -> integer micro-dollars (test-side parser). */
export function micros(text: string): number {
  const m = /^(-?)(\d+)\.(\d+)$/.exec(text);
  if (!m || m[3]!.length > 6) throw new Error(`bad dollars ${text}`);
  const v = Number(m[2]) * 1_000_000 + Number(m[3]!.padEnd(6, '0'));
  return m[1] ? -v : v;
}

/** Count string -> integer hundredths (test-side parser). */
export function hundredths(text: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad count ${text}`);
  const v = Number(m[2]) * 100 + Number(m[3]);
  return m[1] ? -v : v;
}

export const DOLLARS = /^-?\d+\.(\d{2}|\d{4}|\d{6})$/;
export const COUNT = /^-?\d+\.\d{2}$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Runs `run` against a fresh fake, closing it whatever happens. */
export async function withFake<T>(options: FakeKalshiOptions, run: (fake: FakeKalshi) => Promise<T>): Promise<T> {
  const fake = await startFakeKalshi(options);
  try {
    return await run(fake);
  } finally {
    await fake.close();
  }
}
