import { KalshiConfigError } from '../errors.js';
import { isBunOrDeno, isNode } from '../http/runtime.js';

/** Thrown where no WebSocket can carry the signed handshake (browsers, workers). */
export function browserRefusal(): KalshiConfigError {
  return new KalshiConfigError(
    "client.stream() needs a runtime whose WebSocket can send handshake headers (Node, Bun, Deno): Kalshi signs the stream there, and a browser's WebSocket cannot. Stream on a server and relay events to the page.",
  );
}

/** True where `socketFactory` can work; checked up front so `client.stream()` fails at once in a browser. */
export function canStream(): boolean {
  return isNode() || isBunOrDeno();
}
