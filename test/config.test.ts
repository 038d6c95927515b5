import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES, resolveConnection } from '../src/config.js';
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
    ['a non-http baseUrl', { baseUrl: 'ftp://example.test/trade-api/v2' }, /http or https, not "ftp"/],
    ['a file: baseUrl', { baseUrl: 'file:///etc/passwd' }, /http or https, not "file"/],
    ['a baseUrl with a query', { baseUrl: 'https://example.test/trade-api/v2?x=1' }, /query string/],
    ['an unknown environment', { environment: 'staging' }, /"production" or "demo", got "staging"/],
    ['a fetch that is not a function', { fetch: 'fetch' }, /fetch must be a function/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs must be a positive/],
    ['a NaN timeout', { timeoutMs: Number.NaN }, /timeoutMs must be a positive/],
    // Timers hold 32 bits: a longer deadline would fire at once and fail every request.
    ['a timeout of 2^31 ms', { timeoutMs: 2 ** 31 }, /timeoutMs must be at most 2,147,483,647 ms/],
    ['a timeout of a year', { timeoutMs: 365 * 86_400_000 }, /timeoutMs must be at most 2,147,483,647 ms/],
    ['a retry delay cap of 2^31 ms', { retry: { maxDelayMs: 2 ** 31 } }, /retry.maxDelayMs must be at most 2,147,483,647 ms/],
    ['a zero maxResponseBytes', { maxResponseBytes: 0 }, /maxResponseBytes must be a positive whole number of bytes, got 0/],
    ['a negative maxResponseBytes', { maxResponseBytes: -1 }, /maxResponseBytes must be a positive whole number/],
    ['a fractional maxResponseBytes', { maxResponseBytes: 1.5 }, /maxResponseBytes must be a positive whole number/],
    ['a NaN maxResponseBytes', { maxResponseBytes: Number.NaN }, /maxResponseBytes must be a positive whole number/],
    ['an infinite maxResponseBytes', { maxResponseBytes: Number.POSITIVE_INFINITY }, /maxResponseBytes must be a positive whole number/],
    ['a maxResponseBytes past 2^53', { maxResponseBytes: 2 ** 53 }, /maxResponseBytes must be a positive whole number/],
    ['a maxResponseBytes given as text', { maxResponseBytes: '1000000' }, /maxResponseBytes must be a positive whole number of bytes, got "1000000"/],
    ['an unknown rateLimit tier', { rateLimit: 'platinum' }, /rateLimit tier "platinum" is not known; use "auto", "basic" or \{ read, write \}/],
    ['fractional retry attempts', { retry: { maxAttempts: 1.5 } }, /retry.maxAttempts must be a whole number/],
    ['a retry that is not an object', { retry: 3 }, /retry must be an object/],
  ])('%s', async (_label, options, expected) => {
    expect((await configError(options as Record<string, unknown>)).message).toMatch(expected);
  });

  it('a missing options object', async () => {
    await expect(createKalshiClient(undefined as never)).rejects.toBeInstanceOf(KalshiConfigError);
  });

  it('the longest timeout a timer can hold is accepted', async () => {
    await expect(createKalshiClient({ keyId, privateKey: rsaKeys().pkcs8, timeoutMs: 2 ** 31 - 1 })).resolves.toBeDefined();
  });
});

describe('misspelled option names are refused, with the name probably meant', () => {
  it("a JavaScript caller's privatekey", async () => {
    const pem = rsaKeys().pkcs8;
    const error = (await createKalshiClient({ keyId, privatekey: pem } as never).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect(error.message).toMatch(/^createKalshiClient has no option "privatekey": did you mean "privateKey"\?/);
    expectNoKeyMaterial(error, pem);
  });

  it.each([
    ['a prefix', { timeout: 5 }, /no option "timeout": did you mean "timeoutMs"\?/],
    ['another spelling', { base_url: 'https://x.test' }, /no option "base_url": did you mean "baseUrl"\?/],
    ['a near miss in retry', { retry: { maxAttempt: 3 } }, /^retry has no option "maxAttempt": did you mean "maxAttempts"\?/],
    ['a near miss in rateLimit', { rateLimit: { read: 10, writes: 10 } }, /^rateLimit has no option "writes": did you mean "write"\?/],
    ['an unknown hook', { hooks: { onResponse: () => undefined } }, /^hooks has no option "onResponse"/],
    ['a hook that is not a function', { hooks: { response: 'log' } }, /hooks.response must be a function/],
    ['a name like no other', { colour: 'blue' }, /^createKalshiClient has no option "colour" \(it takes: keyId, privateKey, /],
  ])('%s', async (_label, options, expected) => {
    expect((await configError(options as Record<string, unknown>)).message).toMatch(expected);
  });

  it('an option set to undefined under a wrong name is still a slip', async () => {
    expect((await configError({ keyID: undefined })).message).toMatch(/did you mean "keyId"/);
  });
});

describe('a key id that looks like key material', () => {
  it('is refused by its length, and never quoted', async () => {
    const pem = rsaKeys().pkcs8;
    // The base64 body of the key on one line, pasted as the key id.
    const body = pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
    for (const pasted of [body, body.slice(0, 100)]) {
      const error = await configError({ keyId: pasted });
      expect(error.message).toMatch(/keyId is [\d,]+ characters long, but Kalshi's key ids are UUIDs/);
      expectNoKeyMaterial(error, pem);
      expect(error.message).not.toContain(pasted.slice(0, 20));
    }
  });

  it('a UUID, and the short ids tests use, are accepted', async () => {
    await expect(createKalshiClient({ keyId, privateKey: rsaKeys().pkcs8 })).resolves.toBeDefined();
    await expect(createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8 })).resolves.toBeDefined();
  });
});

describe('maxResponseBytes', () => {
  const base = { keyId, privateKey: 'checked later, by createKalshiClient' };

  it('defaults to 16 MiB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
    expect(resolveConnection(base).maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
  });

  it('takes any positive whole number of bytes', () => {
    expect(resolveConnection({ ...base, maxResponseBytes: 1 }).maxResponseBytes).toBe(1);
    expect(resolveConnection({ ...base, maxResponseBytes: Number.MAX_SAFE_INTEGER }).maxResponseBytes).toBe(Number.MAX_SAFE_INTEGER);
  });
});

/** The PEM's body lines, whole: none may appear in a message. */
function bodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line && !line.startsWith('-----'));
}

describe('a key passed in the wrong option is described, never quoted', () => {
  // Each option (and each setting inside retry and rateLimit) with the PEM in it, and the name
  // the message must give so the caller knows where it went.
  const placements: Array<[string, (pem: string) => Record<string, unknown>]> = [
    ['keyId', (pem) => ({ keyId: pem })],
    ['environment', (pem) => ({ environment: pem })],
    ['baseUrl', (pem) => ({ baseUrl: pem })],
    ['wsUrl', (pem) => ({ wsUrl: pem })],
    ['fetch', (pem) => ({ fetch: pem })],
    ['transport', (pem) => ({ transport: pem })],
    ['timeoutMs', (pem) => ({ timeoutMs: pem })],
    ['maxResponseBytes', (pem) => ({ maxResponseBytes: pem })],
    ['validateResponses', (pem) => ({ validateResponses: pem })],
    ['retry', (pem) => ({ retry: pem })],
    ['retry.maxAttempts', (pem) => ({ retry: { maxAttempts: pem } })],
    ['retry.baseDelayMs', (pem) => ({ retry: { baseDelayMs: pem } })],
    ['retry.maxDelayMs', (pem) => ({ retry: { maxDelayMs: pem } })],
    ['retry.maxElapsedMs', (pem) => ({ retry: { maxElapsedMs: [pem] } })],
    ['retry.statuses', (pem) => ({ retry: { statuses: [pem] } })],
    ['retry.onRetry', (pem) => ({ retry: { onRetry: pem } })],
    ['rateLimit', (pem) => ({ rateLimit: pem })],
    ['rateLimit', (pem) => ({ rateLimit: [pem] })],
    ['rateLimit.read', (pem) => ({ rateLimit: { read: pem, write: 100 } })],
    ['rateLimit.write', (pem) => ({ rateLimit: { read: 100, write: [pem] } })],
    ['rateLimit.costPerRequest', (pem) => ({ rateLimit: { read: 100, write: 100, costPerRequest: pem } })],
    ['rateLimit.burstSeconds', (pem) => ({ rateLimit: { read: 100, write: 100, burstSeconds: pem } })],
  ];
  const formats = ['pkcs1', 'pkcs8'] as const;

  it.each(formats.flatMap((format) => placements.map(([name, place]) => [name, format, place] as const)))(
    '%s (%s)',
    async (name, format, place) => {
      const pem = rsaKeys()[format];
      const error = await configError(place(pem));
      expect(error.message).toContain(name);
      for (const line of bodyLines(pem)) expect(error.message).not.toContain(line);
      expectNoKeyMaterial(error, pem);
    },
  );

  it('says what kind of value it was', async () => {
    const pem = rsaKeys().pkcs1;
    const length = pem.length.toLocaleString('en-US');
    expect((await configError({ environment: pem } as Record<string, unknown>)).message).toBe(
      `environment must be "production" or "demo", got a string of ${length} characters that looks like a PEM private key`,
    );
    expect((await configError({ timeoutMs: 'x'.repeat(65) } as Record<string, unknown>)).message).toMatch(/got a string of 65 characters$/);
    expect((await configError({ transport: { kind: 'undici' } } as Record<string, unknown>)).message).toMatch(/got an object$/);
    expect((await configError({ baseUrl: new URL('https://example.test/trade-api/v2') } as Record<string, unknown>)).message).toMatch(/got an instance of URL$/);
  });

  it('a single line of a key\'s body is not quoted either', async () => {
    const line = bodyLines(rsaKeys().pkcs8)[3]!;
    const error = await configError({ environment: line } as Record<string, unknown>);
    expect(error.message).not.toContain(line);
    expect(error.message).toMatch(/got a string of 64 characters$/);
  });

  it('the PEM given as the whole options object', async () => {
    const pem = rsaKeys().pkcs8;
    const error = await createKalshiClient(pem as never).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect(error!.message).toMatch(/needs an options object.*looks like a PEM private key/);
    expectNoKeyMaterial(error!, pem);
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
