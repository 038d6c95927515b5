import { KalshiConfigError } from '../../errors.js';
import { isNode } from '../runtime.js';
import { fetchTransport } from './fetch.js';
import type { FetchLike, Transport, TransportOption } from './types.js';

/**
 * The transport the `transport` and `fetch` options ask for, on the runtime this is. The Node
 * transport's module is loaded only on Node: a browser bundle keeps it out of the first load.
 */
export async function selectTransport(option: TransportOption, fetchImpl: FetchLike, maxResponseBytes: number): Promise<Transport> {
  const undici = option !== 'fetch' && isNode() ? await (await import('./undici.js')).undiciTransport(option, maxResponseBytes) : undefined;
  if (undici) return undici;
  if (option === 'undici') {
    throw new KalshiConfigError('transport "undici" needs Node with the undici package installed; use "auto" to fall back to fetch elsewhere');
  }
  return fetchTransport(fetchImpl, maxResponseBytes);
}
