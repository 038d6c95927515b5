import type { Middleware } from 'openapi-fetch';
import { type OperationId, operationTable } from '../generated/operations.js';
import { checkKeyId } from './config.js';
import { pathOf } from './http/url-path.js';
import { signatureFor } from './http/keys.js';
import { refuseUnknownOptions } from './http/option-names.js';
import { type RequestSigner, createRequestSigner } from './http/signer.js';

/** What {@link kalshiAuth} signs with: the same two settings `createKalshiClient` takes. */
export interface KalshiAuthOptions {
  /** The API key id Kalshi shows next to the key (a UUID). */
  keyId: string;
  /** PEM text (PKCS#1 or PKCS#8), or a WebCrypto RSA-PSS/SHA-256 CryptoKey. */
  privateKey: string | CryptoKey;
}

const UNSIGNED = new Set(
  (Object.entries(operationTable) as [OperationId, (typeof operationTable)[OperationId]][])
    .filter(([, entry]) => !entry.signed)
    .map(([, entry]) => `${entry.method} ${entry.path}`),
);

/**
 * An openapi-fetch middleware that signs each request as Kalshi wants, with the signer
 * `createKalshiClient` uses (RSA-PSS, SHA-256, salt 32, over timestamp + METHOD + the URL's path
 * with `/trade-api/v2` and without the query), for a client of your own:
 *
 * ```ts
 * const api = createClient<paths>({ baseUrl: 'https://external-api.kalshi.com/trade-api/v2' }).use(kalshiAuth({ keyId, privateKey }));
 * ```
 *
 * Minimal by design: it signs once per call, with the local clock, and nothing else (see
 * docs/client.md for what `createKalshiClient` adds). The key id is checked here; the key is
 * imported with the first request, which rejects with a `KalshiConfigError` if it is unusable.
 */
export function kalshiAuth(options: KalshiAuthOptions): Middleware {
  const keyId = checkKeyId(options?.keyId);
  refuseUnknownOptions('kalshiAuth', options, ['keyId', 'privateKey']);
  const { privateKey } = options;
  let signer: Promise<RequestSigner> | undefined;
  return {
    async onRequest({ request, schemaPath }) {
      if (UNSIGNED.has(`${request.method} ${schemaPath}`)) return undefined;
      signer ??= signatureFor(privateKey).then((signature) => createRequestSigner(keyId, signature));
      // A failed import is not kept: the next request tries again and says why again.
      const headers = await signer.catch((error: unknown) => {
        signer = undefined;
        throw error;
      });
      for (const [name, value] of Object.entries(await headers(request.method, pathOf(request.url)))) request.headers.set(name, value);
      return request;
    },
  };
}
