import { KalshiResponseTooLargeError } from '../../errors.js';
import { isNode, nodeVersion } from '../runtime.js';
import { armDeadline } from './deadline.js';
import { readWithin } from './read-body.js';
import { isRedirect } from './is-redirect.js';
import { redirectError } from './refuse-redirect.js';
import type { Answer, Transport, TransportOption } from './types.js';

interface UndiciModule {
  Agent: new (options: { keepAliveTimeout: number; connections: number }) => unknown;
  request(
    url: string,
    options: { method: string; headers: Record<string, string>; body?: string | Uint8Array; signal: AttemptSignal; dispatcher: unknown },
  ): Promise<{ statusCode: number; headers: RawHeaders; body: UndiciBody }>;
}

type RawHeaders = Record<string, string | string[] | undefined>;

interface Emitter {
  emit(event: 'abort'): boolean;
}

interface EventsModule {
  EventEmitter: new () => Emitter;
}

/** What undici takes as a signal besides an AbortSignal: an EventEmitter with `aborted` and `reason`. */
type AttemptSignal = Emitter & { aborted: boolean; reason: unknown };

interface UndiciBody extends AsyncIterable<Uint8Array> {
  arrayBuffer(): Promise<ArrayBuffer>;
  destroy(): void;
  on(event: 'error', listener: () => void): void;
}

// Variables, not literals: bundlers for browsers and workers must not try to pull these in.
const UNDICI = 'undici';
const EVENTS = 'events';

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
  let events: EventsModule;
  try {
    undici = (await import(/* @vite-ignore */ /* webpackIgnore: true */ UNDICI)) as UndiciModule;
    events = (await import(/* @vite-ignore */ /* webpackIgnore: true */ EVENTS)) as EventsModule;
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
    const deadline = attemptDeadline(new events.EventEmitter(), request.signal, timeoutMs);
    try {
      const answer = await undici.request(request.url, { method: request.method, headers, body, signal: deadline.signal, dispatcher });
      const status = answer.statusCode;
      // Dropping a body makes undici emit an abort error that nobody else is waiting for.
      const discard = () => {
        answer.body.on('error', () => undefined);
        answer.body.destroy();
      };
      if (isRedirect({ status })) {
        discard();
        throw redirectError(request, { status, headers: toHeaders(answer.headers) });
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
      return answerOf(status, empty ? new Uint8Array(0) : bytes, answer.headers);
    } finally {
      deadline.end();
    }
  };
}

/**
 * The answer, its headers built only for whoever reads them (a success seldom does). Made out here
 * so that it holds the raw headers alone, not undici's response and its spent body.
 */
function answerOf(status: number, bytes: Uint8Array, raw: RawHeaders): Answer {
  let headers: Headers | undefined;
  return {
    status,
    bytes,
    get headers() {
      return (headers ??= toHeaders(raw));
    },
  };
}

function toHeaders(raw: RawHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * One attempt's end for undici, on an EventEmitter: undici documents one as a signal, and it costs
 * far less to make than an AbortController, which every attempt would otherwise build.
 */
function attemptDeadline(emitter: Emitter, callerSignal: AbortSignal | undefined, timeoutMs: number): { signal: AttemptSignal; end(): void } {
  const signal: AttemptSignal = Object.assign(emitter, { aborted: false, reason: undefined as unknown });
  const end = armDeadline(callerSignal, timeoutMs, (reason) => {
    if (signal.aborted) return;
    signal.aborted = true;
    signal.reason = reason;
    signal.emit('abort');
  });
  return { signal, end };
}
