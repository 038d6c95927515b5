import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** RSA keys made at run time: the repository holds no private key. Cached per test file to keep runs fast. */
let cached: { pkcs1: string; pkcs8: string; publicKey: KeyObject } | undefined;

export function rsaKeys(): { pkcs1: string; pkcs8: string; publicKey: KeyObject } {
  if (!cached) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = {
      pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey,
    };
  }
  return cached;
}

/** The base64 body lines of a PEM: if any of these shows up in output, key material leaked. */
export function secretFragments(pem: string): string[] {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .map((line) => line.slice(8, 40))
    .filter((fragment) => fragment.length >= 16);
}
