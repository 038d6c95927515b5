/**
 * Kalshi request signing, server side: the key ring of the fake account and
 * the check of the three KALSHI-ACCESS-* headers.
 */

import { type KeyObject, constants, createPublicKey, generateKeyPair, randomUUID, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { type Reply, nestedError } from './replies.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** An API key registered with the fake: its id and the PKCS#1 PEM private key that signs for it. */
export interface KeyPair {
  keyId: string;
  /** PKCS#1 PEM ("-----BEGIN RSA PRIVATE KEY-----"), RSA 2048. */
  privateKeyPem: string;
}

export interface KeyRing {
  /** Generates a 2048-bit RSA key pair, registers its public half, returns the private half as PKCS#1 PEM. */
  add(): Promise<KeyPair>;
  publicKey(keyId: string): KeyObject | undefined;
}

export function createKeyRing(): KeyRing {
  const keys = new Map<string, KeyObject>();
  return {
    async add() {
      const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
      const keyId = randomUUID();
      keys.set(keyId, createPublicKey(privateKey));
      const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      return { keyId, privateKeyPem };
    },
    publicKey: (keyId) => keys.get(keyId),
  };
}

export interface SignedHeaders {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export function signedHeaders(headers: Record<string, string | string[] | undefined>): SignedHeaders {
  const one = (name: string) => {
    const v = headers[name];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s === '' ? undefined : s;
  };
  return {
    keyId: one('kalshi-access-key'),
    timestamp: one('kalshi-access-timestamp'),
    signature: one('kalshi-access-signature'),
  };
}

/** The message a client signs: timestamp + METHOD + path (with /trade-api/v2, without the query). */
export function signingMessage(timestamp: string, method: string, path: string): string {
  return `${timestamp}${method.toUpperCase()}${path}`;
}

/**
 * Checks the signature headers in Kalshi's order: all present, known key,
 * fresh timestamp, valid RSA-PSS signature. Returns the 401 reply, or
 * undefined when the request is authentic.
 */
export function authenticate(
  ring: KeyRing,
  signed: SignedHeaders,
  method: string,
  path: string,
  nowMs: number,
  windowMs: number,
): Reply | undefined {
  const missing = [
    ['KALSHI-ACCESS-KEY', signed.keyId],
    ['KALSHI-ACCESS-TIMESTAMP', signed.timestamp],
    ['KALSHI-ACCESS-SIGNATURE', signed.signature],
  ].filter(([, v]) => v === undefined).map(([name]) => name);
  if (missing.length > 0) {
    return nestedError(401, 'signature_is_missing_from_headers', 'a signature header is missing', `missing: ${missing.join(', ')}`, 'unauthorized');
  }
  const publicKey = ring.publicKey(signed.keyId!);
  if (!publicKey) {
    return nestedError(401, 'authentication_error', 'authentication_error', 'NOT_FOUND', 'unauthorized');
  }
  const ts = Number(signed.timestamp);
  if (!/^\d+$/.test(signed.timestamp!) || Math.abs(nowMs - ts) > windowMs) {
    return nestedError(401, 'header_timestamp_expired', 'the request timestamp is outside the accepted window', undefined, 'unauthorized');
  }
  const message = Buffer.from(signingMessage(signed.timestamp!, method, path), 'utf8');
  const signature = Buffer.from(signed.signature!, 'base64');
  let valid = false;
  try {
    valid = verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
  } catch {
    valid = false;
  }
  if (!valid) {
    return nestedError(401, 'authentication_error', 'authentication_error', 'INCORRECT_API_KEY_SIGNATURE', 'unauthorized');
  }
  return undefined;
}
