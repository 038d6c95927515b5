import type { Middleware } from 'openapi-fetch';

export const KEY_HEADER = 'KALSHI-ACCESS-KEY';
export const TIMESTAMP_HEADER = 'KALSHI-ACCESS-TIMESTAMP';
export const SIGNATURE_HEADER = 'KALSHI-ACCESS-SIGNATURE';

const PSS_PARAMS = { name: 'RSA-PSS', saltLength: 32 } as const;
const encoder = new TextEncoder();

/** Signs requests with one key. The key was imported once, at client creation; signing never re-parses it. */
export interface RequestSigner {
  /** Sets the three signing headers on `request`, with a fresh timestamp, and returns it. */
  sign(request: Request): Promise<Request>;
}

export function createRequestSigner(
  keyId: string,
  key: CryptoKey,
  now: () => number = Date.now,
): RequestSigner {
  return {
    async sign(request) {
      const timestamp = String(now());
      // Kalshi signs the path from the host root (so with /trade-api/v2) and never the query.
      const message = timestamp + request.method.toUpperCase() + new URL(request.url).pathname;
      const signature = await crypto.subtle.sign(PSS_PARAMS, key, encoder.encode(message));
      request.headers.set(KEY_HEADER, keyId);
      request.headers.set(TIMESTAMP_HEADER, timestamp);
      request.headers.set(SIGNATURE_HEADER, toBase64(new Uint8Array(signature)));
      return request;
    },
  };
}

/**
 * The openapi-fetch middleware that signs every request of a signed operation. `isSigned` tells
 * from the generated operation table which ones are (Kalshi's historical cutoff is public).
 */
export function authMiddleware(
  signer: RequestSigner,
  isSigned: (method: string, schemaPath: string) => boolean,
): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      if (!isSigned(request.method, schemaPath)) return undefined;
      return signer.sign(request);
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  // A signature is 256 bytes: small enough to pass as arguments in one call.
  return btoa(String.fromCharCode.apply(null, bytes as unknown as number[]));
}
