import { KalshiConfigError } from '../errors.js';
import type { SignMessage } from './signer.js';

type SignKey = { key: unknown; padding: number; saltLength: number };
type Signature = Uint8Array & { toString(encoding: 'base64'): string };

interface NodeCrypto {
  constants: { RSA_PKCS1_PSS_PADDING: number };
  createPrivateKey(options: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): unknown;
  sign(algorithm: string, data: Uint8Array, key: SignKey): Signature;
  sign(algorithm: string, data: Uint8Array, key: SignKey, callback: (error: Error | null, signature: Signature) => void): void;
}

// A variable, not a literal, so bundlers for browsers and workers do not try to pull it in; and
// the bare name, which only Node resolves to its built-in (this module runs only on Node).
const NODE_CRYPTO = 'crypto';
const encoder = new TextEncoder();

/**
 * Signing with Node's own crypto, loaded only on Node. WebCrypto's `sign` hands every signature to
 * the thread pool and back, which costs more than the signature itself when requests go one at a
 * time; a `KeyObject` signs on the spot. With other requests in flight the pool is worth its hop:
 * it signs on the other cores while this thread sends and reads. The signature is the same either
 * way: RSA-PSS, SHA-256, salt 32.
 */
export async function nodeSignature(pkcs8Der: Uint8Array): Promise<SignMessage> {
  const crypto = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_CRYPTO)) as NodeCrypto;
  let key: unknown;
  try {
    key = crypto.createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
  } catch {
    // Node's message is dropped on purpose: nothing from the key may travel in an error.
    throw new KalshiConfigError('privateKey could not be imported as an RSA private key: its contents are corrupt or truncated');
  }
  const options = { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  return (message, othersInFlight) => {
    if (!othersInFlight) return crypto.sign('sha256', encoder.encode(message), options).toString('base64');
    return new Promise((resolve, reject) => {
      crypto.sign('sha256', encoder.encode(message), options, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64'))));
    });
  };
}
