import { KalshiResponseTooLargeError } from '../../errors.js';
import { isNode, nodeVersion } from '../runtime.js';
import { startDeadline } from './deadline.js';
import { readWithin } from './read-body.js';
import { isRedirect } from './is-redirect.js';
import { redirectError } from './refuse-redirect.js';
import type { Transport, TransportOption } from './types.js';

interface UndiciModule {
  Agent: new (options: { keepAliveTimeout: number; connections: number }) => unknown;
  request(
    url: string,
    options: { method: string; headers: Record<string, string>; body?: string | Uint8Array; signal: AbortSignal; dispatcher: unknown },
  ): Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: UndiciBody }>;
}

interface UndiciBody extends AsyncIterable<Uint8Array> {
  arrayBuffer(): Promise<ArrayBuffer>;
  destroy(): void;
  on(event: 'error', listener: () => void): void;
}

// A variable, not a literal: bundlers for browsers and workers must not try to pull undici in.
const UNDICI = 'undici';

/**
 * On Node, undici's `request` on a keep-alive pool skips most of what `fetch` spends per request
 * (WHATWG stream plumbing on both sides of the wire). It is used only where it is safe: on Node
 * itself (not Bun or Deno, whose own fetch is fast), with the package installed, and when the
 * caller did not bring a `fetch` of their own. Anywhere else this resolves to undefined and the
 * runtime's fetch is used.
 */
export async function undiciTransport(option: TransportOption, maxResponseBytes: number): Promise<Transport | undefined> {
  if (option === 'fetch' || !isNode()) return undefined;
  let undici: UndiciModule;
  try {
    undici = (await import(/* @vite-ignore */ /* webpackIgnore: true */ UNDICI)) as UndiciModule;
  } catch {
    return undefined;
  }
  const dispatcher = new undici.Agent({ keepAliveTimeout: 30_000, connections: 64 });
  // fetch would say "node"; say which client it is, which helps whoever reads the server's logs.
  const userAgent = `kalshi-portfolio (node ${nodeVersion()})`;
  return async (request, timeoutMs) => {
    const headers = { 'user-agent': userAgent, ...request.headers };
    const { body } = request;
    // The whole answer is read here, so the deadline's timer is cleared as soon as it is in.
    // undici holds the deadline's own signal (no copied Request), so it needs no race.
    const deadline = startDeadline(request.signal, timeoutMs);
    try {
      const answer = await undici.request(request.url, { method: request.method, headers, body, signal: deadline.signal, dispatcher });
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
      }
      const status = answer.statusCode;
      // Dropping a body makes undici emit an abort error that nobody else is waiting for.
      const discard = () => {
        answer.body.on('error', () => undefined);
        answer.body.destroy();
      };
      if (isRedirect({ status })) {
        discard();
        throw redirectError(request, { status, headers: responseHeaders });
      }
      const declared = answer.headers['content-length'];
      const length = typeof declared === 'string' ? declared : null;
      let bytes: Uint8Array;
      if (length !== null && Number(length) <= maxResponseBytes) {
        // undici ends the body at its declared length, so the limit already holds: read it whole.
        bytes = new Uint8Array(await answer.body.arrayBuffer());
      } else {
        const chunks = answer.body[Symbol.asyncIterator]();
        const source = { next: () => chunks.next().then((step) => (step.done ? undefined : step.value)), cancel: discard };
        const tooLarge = () => new KalshiResponseTooLargeError({ status, method: request.method, url: request.url, limitBytes: maxResponseBytes });
        bytes = await readWithin(source, length, maxResponseBytes, tooLarge);
      }
      const empty = status === 204 || status === 304 || request.method === 'HEAD';
      return { status, headers: responseHeaders, bytes: empty ? new Uint8Array(0) : bytes };
    } finally {
      deadline.end();
    }
  };
}
