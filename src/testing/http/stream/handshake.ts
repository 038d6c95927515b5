/**
 * The stream's authentication: the REST check (same headers, same four 401s) over
 * `timestamp + "GET" + "/trade-api/ws/v2"`, answered on the handshake itself.
 */

import { type KeyRing, type SignedHeaders, authenticate } from '../auth.js';
import type { Reply } from '../replies.js';
import { STREAM_PATH } from './path.js';

/** The 401 for a handshake that fails the signature check, or undefined when it passes. */
export function checkHandshake(keys: KeyRing, signed: SignedHeaders, nowMs: number, windowMs: number): Reply | undefined {
  return authenticate(keys, signed, 'GET', STREAM_PATH, nowMs, windowMs);
}
