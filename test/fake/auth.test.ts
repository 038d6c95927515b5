import { constants, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { ROUTES } from '../../src/testing/http/routes/index.js';
import { getJson, sendJson, signedFetch, signedHeaders, urlOf } from '../support/fake-http.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 3 });
});
afterAll(() => fake.close());

const OPERATIONS = [
  ['/portfolio/balance', 'balance'],
  ['/portfolio/fills', 'fills'],
  ['/portfolio/summary/total_resting_order_value', 'total_resting_order_value'],
  ['/portfolio/positions', 'market_positions'],
  ['/portfolio/settlements', 'settlements'],
  ['/portfolio/deposits', 'deposits'],
  ['/portfolio/withdrawals', 'withdrawals'],
  ['/portfolio/subaccounts/balances', 'subaccount_balances'],
  ['/portfolio/subaccounts/netting', 'netting_configs'],
  ['/portfolio/subaccounts/transfers', 'transfers'],
  ['/portfolio/intra_exchange_instance_transfers', 'transfers'],
  ['/portfolio/target_balance_allocation', 'allocations'],
  ['/historical/fills', 'fills'],
  ['/historical/positions', 'market_positions'],
  ['/portfolio/orders', 'orders'],
  ['/portfolio/orders/queue_positions', 'queue_positions'],
  ['/portfolio/order_groups', 'order_groups'],
  ['/historical/orders', 'orders'],
  ['/account/limits', 'usage_tier'],
] as const;

/** Every signed operation, with a path that matches it. */
const SIGNED = ROUTES.filter((r) => r.signed !== false).map((r) => [r.method, r.path.replace(/\{\w+\}/, 'some-id')] as const);

describe('signed requests', () => {
  it.each(OPERATIONS)('GET %s with a valid signature answers 200 JSON', async (path, field) => {
    const answer = await getJson(fake, path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.body).toHaveProperty(field);
  });

  it('hands out a 2048-bit PKCS#1 key and a UUID key id', () => {
    expect(fake.privateKeyPem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(createPrivateKey(fake.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(fake.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('accepts a key registered with addKey, and PKCS#8 copies of it sign the same', async () => {
    const extra = await fake.addKey();
    expect(extra.keyId).not.toBe(fake.keyId);
    expect(extra.privateKeyPem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    const pkcs8 = createPrivateKey(extra.privateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await getJson(fake, '/portfolio/balance', extra)).status).toBe(200);
    expect((await getJson(fake, '/portfolio/balance', { keyId: extra.keyId, privateKeyPem: pkcs8 })).status).toBe(200);
    // The first key still works; keys are not interchangeable.
    expect((await getJson(fake, '/portfolio/balance')).status).toBe(200);
    const crossed = await getJson(fake, '/portfolio/balance', { keyId: extra.keyId });
    expect(crossed.body.error.details).toBe('INCORRECT_API_KEY_SIGNATURE');
  });

  it('accepts a timestamp a few seconds off either way', async () => {
    expect((await getJson(fake, '/portfolio/balance', { timestamp: Date.now() - 5_000 })).status).toBe(200);
    expect((await getJson(fake, '/portfolio/balance', { timestamp: Date.now() + 5_000 })).status).toBe(200);
  });
});

describe('every operation but GET /historical/cutoff, /exchange/user_data_timestamp and /markets/{ticker} is signed', () => {
  it('lists 43 operations, three unsigned', () => {
    expect(ROUTES).toHaveLength(43);
    expect(ROUTES.filter((r) => r.signed === false).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /historical/cutoff', 'GET /exchange/user_data_timestamp', 'GET /markets/{ticker}']);
  });

  it.each(SIGNED)('%s %s without signature headers -> 401, and state is untouched', async (method, path) => {
    const before = fake.state;
    const res = await fetch(urlOf(fake, path), { method, body: method === 'GET' ? undefined : '{}' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('signature_is_missing_from_headers');
    expect(fake.state).toEqual(before);
  });

  it.each(SIGNED.filter(([method]) => method !== 'GET'))('%s %s signed over the short path -> 401', async (method, path) => {
    const answer = await sendJson(fake, path, { method, body: {}, signPath: path });
    expect(answer.status).toBe(401);
    expect(answer.body.error.details).toBe('INCORRECT_API_KEY_SIGNATURE');
  });
});

describe('the four 401 causes', () => {
  it.each(['KALSHI-ACCESS-KEY', 'KALSHI-ACCESS-TIMESTAMP', 'KALSHI-ACCESS-SIGNATURE'] as const)(
    'a missing %s header -> signature_is_missing_from_headers',
    async (header) => {
      const answer = await getJson(fake, '/portfolio/fills', { omit: [header] });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('signature_is_missing_from_headers');
    },
  );

  it('no headers at all -> signature_is_missing_from_headers', async () => {
    const res = await fetch(urlOf(fake, '/portfolio/balance'));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('signature_is_missing_from_headers');
  });

  it('an unknown key id -> authentication_error / NOT_FOUND', async () => {
    const answer = await getJson(fake, '/portfolio/fills', { keyId: '00000000-0000-4000-8000-000000000000' });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: 'authentication_error', message: 'authentication_error', details: 'NOT_FOUND' } });
  });

  it.each([
    ['30 s in the past', () => Date.now() - 30_000],
    ['30 s in the future', () => Date.now() + 30_000],
    ['in seconds instead of milliseconds', () => Math.floor(Date.now() / 1000)],
    ['not a number', () => 'yesterday'],
  ])('a timestamp %s -> header_timestamp_expired', async (_label, timestamp) => {
    const answer = await getJson(fake, '/portfolio/fills', { timestamp: timestamp() });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('header_timestamp_expired');
  });

  it('a signature by another key -> authentication_error / INCORRECT_API_KEY_SIGNATURE', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const answer = await getJson(fake, '/portfolio/fills', { privateKeyPem: stranger });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: 'authentication_error', message: 'authentication_error', details: 'INCORRECT_API_KEY_SIGNATURE' } });
  });
});

describe('what is signed', () => {
  const incorrect = (body: any) => body?.error?.details === 'INCORRECT_API_KEY_SIGNATURE';

  it('rejects a signature over the short path (without /trade-api/v2)', async () => {
    const answer = await getJson(fake, '/portfolio/fills', { signPath: '/portfolio/fills' });
    expect(answer.status).toBe(401);
    expect(incorrect(answer.body)).toBe(true);
  });

  it('rejects a signature that includes the query string', async () => {
    const relative = '/portfolio/fills?limit=5';
    const answer = await getJson(fake, relative, { signPath: urlOf(fake, relative).pathname + '?limit=5' });
    expect(answer.status).toBe(401);
    expect(incorrect(answer.body)).toBe(true);
  });

  it('signs the path without the query: a request with a query passes', async () => {
    const answer = await getJson(fake, '/portfolio/fills?limit=5&subaccount=0');
    expect(answer.status).toBe(200);
    expect(answer.body.fills.length).toBeLessThanOrEqual(5);
  });

  it('rejects a lower-case method in the message', async () => {
    const answer = await getJson(fake, '/portfolio/balance', { signMethod: 'get' });
    expect(incorrect(answer.body)).toBe(true);
  });

  it('rejects a signature made with another timestamp than the header', async () => {
    const relative = '/portfolio/balance';
    const headers = signedHeaders(fake, relative, { timestamp: Date.now() - 1000 });
    headers['KALSHI-ACCESS-TIMESTAMP'] = String(Date.now());
    const res = await fetch(urlOf(fake, relative), { headers });
    expect(res.status).toBe(401);
    expect(incorrect(await res.json())).toBe(true);
  });

  it('requires PSS with a 32-byte salt: max salt and PKCS#1 v1.5 signatures fail', async () => {
    const maxSalt = await getJson(fake, '/portfolio/balance', { saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN });
    expect(incorrect(maxSalt.body)).toBe(true);

    const relative = '/portfolio/balance';
    const headers = signedHeaders(fake, relative);
    const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}GET${urlOf(fake, relative).pathname}`;
    headers['KALSHI-ACCESS-SIGNATURE'] = sign('sha256', Buffer.from(message), fake.privateKeyPem).toString('base64');
    const res = await fetch(urlOf(fake, relative), { headers });
    expect(res.status).toBe(401);
  });

  it('honours timestampWindowMs', async () => {
    const strict = await startFakeKalshi({ timestampWindowMs: 1_000 });
    try {
      expect((await getJson(strict, '/portfolio/balance', { timestamp: Date.now() - 3_000 })).body.error.code).toBe('header_timestamp_expired');
      expect((await getJson(strict, '/portfolio/balance')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('routing and recording', () => {
  it('answers 404 with the nested shape for an unknown path, signed or not', async () => {
    const signed = await getJson(fake, '/portfolio/nothing_here');
    expect(signed.status).toBe(404);
    expect(typeof signed.body.error.code).toBe('string');
    const outside = await fetch(new URL('/portfolio/fills', fake.baseUrl));
    expect(outside.status).toBe(404);
    expect((await outside.json()).error).toBeDefined();
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(urlOf(fake, '/portfolio/fills'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'kalshi-access-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['kalshi-access-key', 'kalshi-access-signature', 'kalshi-access-timestamp', 'content-type']) expect(allowed).toContain(h);
    const methods = res.headers.get('access-control-allow-methods')!;
    for (const m of ['GET', 'POST', 'PUT', 'DELETE']) expect(methods).toContain(m);
  });

  it('records each request with path, query, signature headers and status', async () => {
    const before = fake.requests.length;
    const relative = '/portfolio/settlements?limit=3&ticker=NOPE';
    const headers = signedHeaders(fake, relative);
    const res = await fetch(urlOf(fake, relative), { headers });
    await res.text();
    await getJson(fake, '/portfolio/balance', { omit: ['KALSHI-ACCESS-SIGNATURE'] });
    const [ok, missing] = fake.requests.slice(before);
    expect(ok).toMatchObject({
      method: 'GET',
      path: '/trade-api/v2/portfolio/settlements',
      status: 200,
      outcome: 'ok',
      signature: headers['KALSHI-ACCESS-SIGNATURE'],
      timestamp: headers['KALSHI-ACCESS-TIMESTAMP'],
      keyId: fake.keyId,
    });
    expect(new URLSearchParams(ok!.query).get('ticker')).toBe('NOPE');
    expect(ok!.headers['kalshi-access-key']).toBe(fake.keyId);
    expect(missing).toMatchObject({ path: '/trade-api/v2/portfolio/balance', status: 401, signature: undefined, outcome: 'unauthorized' });
  });

  it('answers 404 for a method the path does not have', async () => {
    const res = await signedFetch(fake, '/portfolio/balance', { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
