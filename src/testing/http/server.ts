/** startFakeKalshi: wires data, keys, faults and routes into a node:http server on 127.0.0.1. */

import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAccount } from '../data/account.js';
import type { AccountSnapshot } from '../data/account-snapshot.js';
import { generateDataset } from '../data/dataset.js';
import { applyCutoff } from '../data/historical.js';
import { createKeyRing } from './auth.js';
import type { FakeKalshi } from './fake-kalshi.js';
import { createFaultPlan } from './faults.js';
import { API_PREFIX, type HandlerState, handleRequest } from './handler.js';
import type { FakeKalshiOptions } from './options.js';
import type { RecordedRequest } from './recorded-request.js';
import { type Reply, nestedError } from './replies.js';
import { resolveOptions } from './resolve-options.js';
import { ROUTES } from './routes/index.js';
import type { ScriptedResponse } from './scripted-response.js';
import { createTokenBucket } from './token-bucket.js';
import { writeReply } from './write-reply.js';

/**
 * Starts a fake Kalshi on 127.0.0.1 (port 0, a free one, unless `port` is given). It makes an RSA
 * key pair, verifies every signed request as Kalshi does, and serves a dataset seeded by `seed`.
 * Close it with `close()`.
 */
export async function startFakeKalshi(options: FakeKalshiOptions = {}): Promise<FakeKalshi> {
  const resolved = resolveOptions(options);
  const data = generateDataset(resolved);
  const account = createAccount(data);
  const keys = createKeyRing();
  const first = await keys.add();
  const requests: RecordedRequest[] = [];
  const scripted: ScriptedResponse[] = [];
  const sockets = new Set<Socket>();
  const sleepers = new Set<() => void>();
  let closing = false;

  const state: HandlerState = {
    options: resolved,
    data,
    account,
    routes: ROUTES,
    keys,
    faults: createFaultPlan(resolved.seed, resolved.faults),
    bucket: resolved.rateLimit ? createTokenBucket(resolved.rateLimit, Date.now()) : undefined,
    scripted,
    requests,
    isClosing: () => closing,
    sleep: (ms) => new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        sleepers.delete(wake);
        resolve(!closing);
      }, ms);
      sleepers.add(wake);
    }),
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      const reply: Reply = nestedError(500, 'internal_server_error', 'internal server error', String(error), 'internal_error');
      writeReply(res, reply);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that hangs up mid-request must not crash the process.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    keyId: first.keyId,
    privateKeyPem: first.privateKeyPem,
    addKey: () => keys.add(),
    data,
    get state(): AccountSnapshot {
      return account.snapshot();
    },
    setHistoricalCutoff: (cutoffMs) => applyCutoff(data, cutoffMs),
    requests,
    queueResponses: (...responses) => {
      scripted.push(...responses);
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const wake of [...sleepers]) wake();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
