import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiConfigError, type KalshiClientOptions } from '../src/index.js';
import { rsaKeys, secretFragments } from './support/keys.js';

const keyId = '5b1c7a8e-2f34-4c1d-9a0b-3e6f7d8c9b10';

async function configError(options: Partial<KalshiClientOptions> & Record<string, unknown>): Promise<KalshiConfigError> {
  const error = await createKalshiClient({ keyId, privateKey: rsaKeys().pkcs1, ...options } as KalshiClientOptions).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KalshiConfigError);
  return error as KalshiConfigError;
}

/** Every key-shaped input below: the messages and their inspection must not contain any of it. */
function expectNoKeyMaterial(error: Error, pem: string): void {
  const printed = `${error.message}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}\n${String(error.cause ?? '')}`;
  for (const fragment of secretFragments(pem)) expect(printed).not.toContain(fragment);
}

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const ed = generateKeyPairSync('ed25519').privateKey;
const rsaForEncryption = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const badKeys: Array<[string, () => string, RegExp]> = [
  ['not PEM at all', () => 'this is not a key', /not a PEM key/],
  ['an empty string', () => '', /empty string/],
  ['a file path', () => '/home/trader/kalshi.key', /file path/],
  [
    'an encrypted PKCS#8 key',
    () => rsaForEncryption.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
    /encrypted/,
  ],
  [
    'an encrypted PKCS#1 key',
    () => rsaForEncryption.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
    /encrypted/,
  ],
  ['an EC key (SEC1)', () => ec.export({ type: 'sec1', format: 'pem' }).toString(), /EC key/],
  ['an EC key (PKCS#8)', () => ec.export({ type: 'pkcs8', format: 'pem' }).toString(), /EC key/],
  ['an Ed25519 key', () => ed.export({ type: 'pkcs8', format: 'pem' }).toString(), /Ed25519 key/],
  ['a public key (SPKI)', () => rsaKeys().publicKey.export({ type: 'spki', format: 'pem' }).toString(), /public key/],
  ['a public key (PKCS#1)', () => rsaKeys().publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(), /public key/],
  [
    'a key cut in half',
    () => {
      const lines = rsaKeys().pkcs1.trim().split('\n');
      return [...lines.slice(0, lines.length / 2), lines.at(-1)].join('\n');
    },
    /truncated/,
  ],
  ['a key missing its END line', () => rsaKeys().pkcs8.trim().split('\n').slice(0, -1).join('\n'), /END PRIVATE KEY.*missing/],
  ['a key with a damaged body', () => rsaKeys().pkcs8.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'), /not valid base64/],
];

describe('createKalshiClient rejects unusable keys with a KalshiConfigError naming the problem', () => {
  it.each(badKeys)('%s', async (_label, makeKey, expected) => {
    const pem = makeKey();
    const error = await configError({ privateKey: pem });
    expect(error.message).toMatch(expected);
    expectNoKeyMaterial(error, pem);
  });

  it('a value that is neither a string nor a CryptoKey', async () => {
    expect((await configError({ privateKey: 42 as never })).message).toMatch(/PEM string or a WebCrypto CryptoKey, got number/);
    expect((await configError({ privateKey: undefined as never })).message).toMatch(/got undefined/);
  });

  it('a CryptoKey made for another algorithm', async () => {
    const { privateKey } = await webcrypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    expect((await configError({ privateKey: privateKey as CryptoKey })).message).toMatch(/RSASSA-PKCS1-v1_5.*RSA-PSS/);
  });

  it('a public CryptoKey', async () => {
    const { publicKey } = await webcrypto.subtle.generateKey(
      { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    expect((await configError({ privateKey: publicKey as CryptoKey })).message).toMatch(/public CryptoKey/);
  });
});

describe('createKalshiClient rejects bad options with a KalshiConfigError', () => {
  it.each([
    ['a missing key id', { keyId: undefined }, /keyId is missing/],
    ['an empty key id', { keyId: '' }, /keyId is empty/],
    ['a blank key id', { keyId: '   ' }, /keyId is empty/],
    ['a key id with a newline', { keyId: 'abc\ndef' }, /cannot be sent in a header/],
    ['a key id that is not a string', { keyId: 7 }, /keyId must be a string/],
    ['a relative baseUrl', { baseUrl: '/trade-api/v2' }, /not an absolute URL/],
    ['a baseUrl without scheme', { baseUrl: 'external-api.kalshi.com/trade-api/v2' }, /not an absolute URL/],
    ['a non-http baseUrl', { baseUrl: 'ftp://example.test/trade-api/v2' }, /http or https, not ftp/],
    ['a file: baseUrl', { baseUrl: 'file:///etc/passwd' }, /http or https, not file/],
    ['a baseUrl with a query', { baseUrl: 'https://example.test/trade-api/v2?x=1' }, /query string/],
    ['an unknown environment', { environment: 'staging' }, /"production" or "demo"/],
    ['a fetch that is not a function', { fetch: 'fetch' }, /fetch must be a function/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs must be a positive/],
    ['a NaN timeout', { timeoutMs: Number.NaN }, /timeoutMs must be a positive/],
    ['fractional retry attempts', { retry: { maxAttempts: 1.5 } }, /retry.maxAttempts must be a whole number/],
    ['a retry that is not an object', { retry: 3 }, /retry must be an object/],
  ])('%s', async (_label, options, expected) => {
    expect((await configError(options as Record<string, unknown>)).message).toMatch(expected);
  });

  it('a missing options object', async () => {
    await expect(createKalshiClient(undefined as never)).rejects.toBeInstanceOf(KalshiConfigError);
  });
});

describe('the client keeps its key to itself', () => {
  it.each(['pkcs1', 'pkcs8'] as const)('util.inspect and JSON.stringify of a client built from %s show no key material', async (format) => {
    const pem = rsaKeys()[format];
    const client = await createKalshiClient({ keyId, privateKey: pem, baseUrl: 'http://127.0.0.1:9/trade-api/v2' });
    const printed = `${inspect(client, { depth: 20, showHidden: true })}\n${JSON.stringify(client)}`;
    for (const fragment of secretFragments(pem)) expect(printed).not.toContain(fragment);
    expect(printed).not.toContain('PRIVATE KEY');
  });

  it('picks the environment host, production by default', async () => {
    const pem = rsaKeys().pkcs8;
    expect((await createKalshiClient({ keyId, privateKey: pem })).baseUrl).toBe('https://external-api.kalshi.com/trade-api/v2');
    expect((await createKalshiClient({ keyId, privateKey: pem, environment: 'demo' })).baseUrl).toBe(
      'https://external-api.demo.kalshi.co/trade-api/v2',
    );
    expect((await createKalshiClient({ keyId, privateKey: pem, baseUrl: 'http://127.0.0.1:8080/trade-api/v2/' })).baseUrl).toBe(
      'http://127.0.0.1:8080/trade-api/v2',
    );
  });
});
