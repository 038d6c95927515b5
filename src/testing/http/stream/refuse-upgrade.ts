/**
 * Refusing a WebSocket handshake: a plain HTTP answer written straight on the socket (no
 * upgrade happens, so there is no ServerResponse), then the socket is closed.
 */

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { CORS_HEADERS } from '../cors.js';
import type { Reply } from '../replies.js';

export function refuseUpgrade(socket: Duplex, reply: Reply, nowMs: number): void {
  const body = Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    // As on every answer: the server's clock, from which a client refused for its timestamp learns the skew.
    date: new Date(nowMs).toUTCString(),
    ...reply.headers,
    'content-length': String(body.length),
    connection: 'close',
  };
  const head = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  // A client that hangs up first must not crash the server.
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}
