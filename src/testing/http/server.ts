/** startFakeKalshi: wires data, keys, faults, routes and the stream into a node:http server on 127.0.0.1. */

import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAccount } from '../data/account.js';
import type { AccountSnapshot } from '../data/account-snapshot.js';
import { generateDataset } from '../data/dataset.js';
import { applyCutoff } from '../data/historical.js';
import { createRuntimeClock } from '../data/runtime-clock.js';
import { attachMatchingEngine } from '../data/matching.js';
import { tradeMessages } from '../data/trade-messages.js';
import type { FakeTradeInput } from '../data/trade-input.js';
import { createTrading } from '../data/trading.js';
import type { Fill } from '../data/wire-types.js';
import { type Activity, startActivity } from './activity.js';
import { accountApiLimits } from './api-limits.js';
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
import { STREAM_PATH } from './stream/path.js';
import { createStreamFaultPlan } from './stream/stream-faults.js';
import { createStreamServer } from './stream/stream-server.js';
import { createTokenBuckets } from './token-bucket.js';
import { writeReply } from './write-reply.js';

/**
 * Starts a fake Kalshi on 127.0.0.1 (port 0, a free one, unless `port` is given). It makes an RSA
 * key pair, verifies every signed request and stream handshake as Kalshi does, and serves a
 * dataset seeded by `seed`. Close it with `close()`.
 */
export async function startFakeKalshi(options: FakeKalshiOptions = {}): Promise<FakeKalshi> {
  const resolved = resolveOptions(options);
  const data = generateDataset(resolved);
  const account = createAccount(data);
  const startedAt = performance.now();
  const clock = createRuntimeClock(data.now, data.fills, () => performance.now() - startedAt);
  const trading = createTrading(data, clock, account);
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
    buckets: resolved.rateLimit ? createTokenBuckets(resolved.rateLimit, Date.now()) : undefined,
    clock,
    now: () => Date.now() + resolved.clockOffsetMs,
    apiLimits: accountApiLimits(resolved.rateLimit),
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

  const stream = createStreamServer({
    keys,
    timestampWindowMs: resolved.timestampWindowMs,
    now: () => Date.now() + resolved.clockOffsetMs,
    pingMs: resolved.streamPingMs,
    faults: createStreamFaultPlan(resolved.seed, resolved.faults),
    isClosing: () => closing,
  });
  // The order writes' matching engine records its fills as fake.trade() does, and they go out on the stream alike.
  // Orders' expiries fire on these timers, which close() clears.
  const expiryTimers = new Set<ReturnType<typeof setTimeout>>();
  attachMatchingEngine(data, {
    fills: trading.fills,
    account,
    clock,
    publish: (messages) => stream.publish(messages),
    publishOrder: (ticker, order) => stream.publishOrder(ticker, order),
    publishGroupUpdate: (update) => stream.publishGroupUpdate(update),
    later: (delayMs, run) => {
      if (closing) return;
      const timer = setTimeout(() => {
        expiryTimers.delete(timer);
        if (!closing) run();
      }, delayMs);
      timer.unref();
      expiryTimers.add(timer);
    },
  });
  const trade = (input: FakeTradeInput): Fill => {
    const executed = trading.trade(input);
    stream.publish(tradeMessages(executed, trading.userId));
    return { ...executed.fill };
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
  server.on('upgrade', stream.upgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Started once listening, so a fake that fails to start leaves no timer behind.
  const activity: Activity | undefined = resolved.activity
    ? startActivity(resolved.seed, resolved.activity.fillsPerSecond, trading.openMarkets, trade)
    : undefined;

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    wsUrl: `ws://127.0.0.1:${port}${STREAM_PATH}`,
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
    trade: async (input) => trade(input),
    breakSubscriptions: (code = 10, options = {}) => {
      if (!Number.isSafeInteger(code) || code <= 0) throw new RangeError(`breakSubscriptions: the code must be a positive integer, got ${code}`);
      stream.breakSubscriptions(code, options.inAnswerToNextCommand === true);
    },
    streamHandshakes: stream.handshakes,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        activity?.stop();
        for (const timer of expiryTimers) clearTimeout(timer);
        expiryTimers.clear();
        stream.close();
        for (const wake of [...sleepers]) wake();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
