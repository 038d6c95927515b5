// Lower case, as every header name of an `Outgoing`: set over a same-named one, never beside it.
const KEY_HEADER = 'kalshi-access-key';
const TIMESTAMP_HEADER = 'kalshi-access-timestamp';
const SIGNATURE_HEADER = 'kalshi-access-signature';

/**
 * Signs one message (timestamp + method + path) with RSA-PSS, SHA-256, salt 32, into base64. The
 * key was imported once, at client creation: signing never re-parses it. `othersInFlight` says
 * whether other requests of the client are under way, for a signer that can sign either on the
 * spot or on another thread.
 */
export type SignMessage = (message: string, othersInFlight?: boolean) => string | Promise<string>;

/**
 * The three signing headers for `method` and `path`, with a fresh timestamp. `path` is the URL's
 * path from the host root (with `/trade-api/v2`), which is what Kalshi signs; never the query.
 * The stream's handshake is signed like a GET.
 */
export type RequestSigner = (method: string, path: string, othersInFlight?: boolean) => Promise<Record<string, string>>;

/** `now` gives the timestamp to sign, in milliseconds since the epoch; tests may pass their own. */
export function createRequestSigner(keyId: string, signMessage: SignMessage, now: () => number = Date.now): RequestSigner {
  return async (method, path, othersInFlight) => {
    const timestamp = String(now());
    // Kalshi signs timestamp + METHOD + path: the one place the message is spelled out.
    const signature = await signMessage(timestamp + method.toUpperCase() + path, othersInFlight);
    return { [KEY_HEADER]: keyId, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature };
  };
}

const PSS_PARAMS = { name: 'RSA-PSS', saltLength: 32 } as const;
const encoder = new TextEncoder();

/** Signing with WebCrypto, which every runtime has: the default everywhere but Node. */
export function webCryptoSignature(key: CryptoKey): SignMessage {
  return async (message) => toBase64(new Uint8Array(await crypto.subtle.sign(PSS_PARAMS, key, encoder.encode(message))));
}

function toBase64(bytes: Uint8Array): string {
  // A signature is 256 bytes: small enough to pass as arguments in one call.
  return btoa(String.fromCharCode.apply(null, bytes as unknown as number[]));
}
