/**
 * The stream's authentication: the REST check (same headers, same four 401s) over
 * `timestamp + "GET" + "/trade-api/ws/v2"`, for the WebSocket handshake and for the plain GET a
 * client sends to learn why a handshake failed (WebSocket APIs hide the handshake's status).
 */

import { type KeyRing, type SignedHeaders, authenticate } from '../auth.js';
import { type Reply, nestedError } from '../replies.js';
import { STREAM_PATH } from './path.js';

/** The 401 for a handshake that fails the signature check, or undefined when it passes. */
export function checkHandshake(keys: KeyRing, signed: SignedHeaders, nowMs: number, windowMs: number): Reply | undefined {
  return authenticate(keys, signed, 'GET', STREAM_PATH, nowMs, windowMs);
}

/** A plain (not upgrading) signed GET of the stream: 401 as a handshake would get, else 426. */
export function probeReply(keys: KeyRing, signed: SignedHeaders, nowMs: number, windowMs: number): Reply {
  const denied = checkHandshake(keys, signed, nowMs, windowMs);
  if (denied) return denied;
  const reply = nestedError(426, 'upgrade_required', 'this endpoint takes WebSocket connections only; the signature is valid', undefined, 'upgrade_required');
  return { ...reply, headers: { ...reply.headers, upgrade: 'websocket' } };
}
