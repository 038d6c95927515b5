export const KEY_HEADER = 'KALSHI-ACCESS-KEY';
export const TIMESTAMP_HEADER = 'KALSHI-ACCESS-TIMESTAMP';
export const SIGNATURE_HEADER = 'KALSHI-ACCESS-SIGNATURE';

const PSS_PARAMS = { name: 'RSA-PSS', saltLength: 32 } as const;
const encoder = new TextEncoder();

/** Signs requests with one key. The key was imported once, at client creation; signing never re-parses it. */
export interface RequestSigner {
  /**
   * Sets the three signing headers on `request`, with a fresh timestamp. `path` is the URL's path
   * from the host root (with `/trade-api/v2`), which is what Kalshi signs; never the query.
   */
  sign(request: Request, path: string): Promise<void>;
}

/** `now` gives the timestamp to sign, in milliseconds since the epoch; tests may pass their own. */
export function createRequestSigner(
  keyId: string,
  key: CryptoKey,
  now: () => number = Date.now,
): RequestSigner {
  return {
    async sign(request, path) {
      const timestamp = String(now());
      const message = timestamp + request.method.toUpperCase() + path;
      const signature = await crypto.subtle.sign(PSS_PARAMS, key, encoder.encode(message));
      request.headers.set(KEY_HEADER, keyId);
      request.headers.set(TIMESTAMP_HEADER, timestamp);
      request.headers.set(SIGNATURE_HEADER, toBase64(new Uint8Array(signature)));
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  // A signature is 256 bytes: small enough to pass as arguments in one call.
  return btoa(String.fromCharCode.apply(null, bytes as unknown as number[]));
}
