import { KalshiConfigError } from '../../errors.js';
import { fetchTransport } from './fetch.js';
import type { FetchLike, Transport, TransportOption } from './types.js';
import { undiciTransport } from './undici.js';

/** The transport the `transport` and `fetch` options ask for, on the runtime this is. */
export async function selectTransport(option: TransportOption, fetchImpl: FetchLike): Promise<Transport> {
  const undici = await undiciTransport(option);
  if (undici) return undici;
  if (option === 'undici') {
    throw new KalshiConfigError('transport "undici" needs Node with the undici package installed; use "auto" to fall back to fetch elsewhere');
  }
  return fetchTransport(fetchImpl);
}
