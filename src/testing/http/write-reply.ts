/** Writing a decided reply to the socket: whole, or cut off mid-body to act out a lost answer. */

import type { ServerResponse } from 'node:http';
import { CORS_HEADERS } from './cors.js';
import type { Reply } from './replies.js';

/** Writes a reply with CORS headers; a `cut` reply is destroyed after part of its body. */
export function writeReply(res: ServerResponse, reply: Reply, nowMs = Date.now()): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(reply.body, 'utf8');
  // The Date header tells the time by the server's clock, which is what a client can learn skew from.
  const headers: Record<string, string> = { ...CORS_HEADERS, date: new Date(nowMs).toUTCString(), ...lowerKeys(reply.headers) };
  if (!reply.cut) {
    res.writeHead(reply.status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
    return;
  }
  // Announce the whole body (or chunked, if empty) but stop halfway.
  if (body.length > 0) headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  const part = body.subarray(0, Math.floor(body.length / 2));
  const destroy = () => setImmediate(() => res.socket?.destroy());
  if (part.length > 0) res.write(part, destroy);
  else {
    res.flushHeaders();
    destroy();
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
