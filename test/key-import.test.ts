import * as nodeCrypto from 'crypto';
import { importPKCS8 } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKalshiClient } from '../src/index.js';
import { signatureFor } from '../src/http/keys.js';
import { rsaKeys } from './support/keys.js';

vi.mock('crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, createPrivateKey: vi.fn(actual.createPrivateKey) };
});

const keys = rsaKeys();
const MESSAGE = '1700000000000GET/trade-api/v2/portfolio/balance';

/** Kalshi's check: RSA-PSS over SHA-256 with a salt of exactly `saltLength` bytes. */
function verifies(signature: string, saltLength: number): boolean {
  return nodeCrypto.verify(
    'sha256',
    Buffer.from(MESSAGE),
    { key: keys.publicKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength },
    Buffer.from(signature, 'base64'),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the two signers', () => {
  it.each([
    ['node:crypto (Node)', true],
    ['WebCrypto (everywhere else)', false],
  ])('%s signs RSA-PSS, SHA-256, salt 32, for a PKCS#1 and a PKCS#8 key alike', async (_, onNode) => {
    for (const pem of [keys.pkcs1, keys.pkcs8]) {
      const signature = await (await signatureFor(pem, onNode))(MESSAGE);
      expect(verifies(signature, 32)).toBe(true);
      // The salt is exactly 32 bytes, as Kalshi verifies it: another length does not verify.
      expect(verifies(signature, 20)).toBe(false);
    }
  });

  it('node:crypto signs the same way on the thread pool, as it does with other requests in flight', async () => {
    const sign = await signatureFor(keys.pkcs1, true);
    const signatures = await Promise.all(Array.from({ length: 8 }, () => sign(MESSAGE, true)));
    for (const signature of signatures) {
      expect(verifies(signature, 32)).toBe(true);
      expect(verifies(signature, 20)).toBe(false);
    }
  });

  it('on Node, a PEM key signs through node:crypto and never through WebCrypto', async () => {
    const createPrivateKey = vi.mocked(nodeCrypto.createPrivateKey);
    createPrivateKey.mockClear();
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const webSign = vi.spyOn(crypto.subtle, 'sign');
    const signature = await (await signatureFor(keys.pkcs1))(MESSAGE);
    expect(verifies(signature, 32)).toBe(true);
    expect(createPrivateKey).toHaveBeenCalledTimes(1);
    expect(importKey).not.toHaveBeenCalled();
    expect(webSign).not.toHaveBeenCalled();
  });

  it.each(['Bun', 'Deno'])('under %s (which also report a Node version), the key signs through WebCrypto, not node:crypto', async (runtime) => {
    vi.stubGlobal(runtime, {});
    const createPrivateKey = vi.mocked(nodeCrypto.createPrivateKey);
    createPrivateKey.mockClear();
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const signature = await (await signatureFor(keys.pkcs8))(MESSAGE);
    expect(verifies(signature, 32)).toBe(true);
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(createPrivateKey).not.toHaveBeenCalled();
  });

  it('a CryptoKey an app imported with jose (importPKCS8, PS256) is taken as it is', async () => {
    const key = await importPKCS8(keys.pkcs8, 'PS256');
    expect(verifies(await (await signatureFor(key))(MESSAGE), 32)).toBe(true);
  });

  it('a CryptoKey signs through WebCrypto on Node too', async () => {
    const key = await crypto.subtle.importKey(
      'pkcs8',
      nodeCrypto.createPrivateKey(keys.pkcs8).export({ format: 'der', type: 'pkcs8' }),
      { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const webSign = vi.spyOn(crypto.subtle, 'sign');
    expect(verifies(await (await signatureFor(key))(MESSAGE), 32)).toBe(true);
    expect(webSign).toHaveBeenCalledTimes(1);
  });
});

describe('the private key is parsed once per client', () => {
  let server: { url: string; close: () => void; requests: number };

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const http = createServer((_req, res) => {
      server.requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"balance":1,"balance_dollars":"0.01","portfolio_value":0,"updated_ts":1}');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    server = { url: `http://127.0.0.1:${port}/trade-api/v2`, close: () => http.close(), requests: 0 };
  });
  afterAll(() => server.close());

  it('imports the key at creation and never again, whatever the number of requests', async () => {
    const createPrivateKey = vi.mocked(nodeCrypto.createPrivateKey);
    createPrivateKey.mockClear();
    const client = await createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs1, baseUrl: server.url });
    expect(createPrivateKey).toHaveBeenCalledTimes(1);
    await Promise.all(Array.from({ length: 20 }, () => client.getBalance()));
    expect(server.requests).toBe(20);
    expect(createPrivateKey).toHaveBeenCalledTimes(1);
  });
});
