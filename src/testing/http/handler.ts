/**
 * One request's way through the fake, in this order:
 *
 *  1. OPTIONS -> 204 CORS preflight (no auth).
 *  2. No route -> 404 (nested shape, no auth). A plain GET of the stream's
 *     path is no route either: handshakes are answered on the handshake
 *     itself (stream/stream-server.ts takes upgrades).
 *  3. Signature check -> 401 (nested shape, one of four codes); skipped for
 *     unsigned routes (GET /historical/cutoff), whatever headers they carry.
 *  4. One fault draw from the seeded plan (every request that gets here
 *     draws, so the n-th such request always gets the same fault).
 *  5. A queued scripted response, if any, wins over everything below (or,
 *     for `loseAnswer`, runs the route and cuts its answer short).
 *  6. The drawn fault: 429, 500/502/503, or the normal answer cut short
 *     (the route still runs then, so a write is applied but its answer lost).
 *  7. The token buckets (rateLimit: GET from Read, other methods from
 *     Write) -> 429.
 *  8. An operation listed in `forbidden` -> 403 (nested shape).
 *  9. The route: 200/201, or 400 bare {"msg"} for bad parameters, 400 flat
 *     for an undecodable body, nested 400/404/409 for business rules.
 *
 * The reply is then delayed by latencyMs (every answer) and written. The
 * request's body is read whole (and recorded) before anything is written.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account } from '../data/account.js';
import { AccountError } from '../data/account-error.js';
import type { FakeDataset } from '../data/dataset-types.js';
import type { RuntimeClock } from '../data/runtime-clock.js';
import type { GetAccountApiLimitsResponse } from '../data/wire-types.js';
import { FakeApiError, fromAccountError } from './api-error.js';
import { authenticate, type KeyRing, signedHeaders } from './auth.js';
import { BodyError } from './body.js';
import { type FaultPlan, restAsOfUs } from './faults.js';
import { ParamError } from './params.js';
import { type RecordedRequest, type RequestOutcome, flattenHeaders, recordedBody } from './recorded-request.js';
import {
  type Reply, bareMessage, emptyReply, flatError, htmlError, jsonReply, nestedError, tooManyRequests,
} from './replies.js';
import type { ResolvedOptions } from './resolve-options.js';
import { matchRoute, operationIdOf } from './routes/index.js';
import type { Route } from './routes/route.js';
import { type ScriptedResponse, scriptedReply, takeScripted } from './scripted-response.js';
import type { TokenBuckets } from './token-bucket.js';
import { writeReply } from './write-reply.js';

/** The path prefix every route of the fake is served under, as at Kalshi. */
export const API_PREFIX = '/trade-api/v2';

export interface HandlerState {
  options: ResolvedOptions;
  data: FakeDataset;
  account: Account;
  routes: readonly Route[];
  keys: KeyRing;
  faults: FaultPlan;
  buckets: TokenBuckets | undefined;
  /** The data's clock (runtime trades, GET /exchange/user_data_timestamp). */
  clock: RuntimeClock;
  /** GET /account/limits, from the rateLimit option. */
  apiLimits: GetAccountApiLimitsResponse;
  scripted: ScriptedResponse[];
  requests: RecordedRequest[];
  /** The fake's own clock: this machine's, moved by the clockOffsetMs option. */
  now(): number;
  /** Resolves after `ms`, or early (to false) once the server is closing. */
  sleep(ms: number): Promise<boolean>;
  isClosing(): boolean;
}

export async function handleRequest(state: HandlerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const signed = signedHeaders(req.headers);
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    body: undefined,
    headers: flattenHeaders(req.headers),
    status: 0,
    signature: signed.signature,
    timestamp: signed.timestamp,
    keyId: signed.keyId,
    outcome: undefined,
    receivedAt: Date.now(),
  };
  state.requests.push(record);

  // decide() runs synchronously up to the fault draw, so draws follow arrival order.
  const body = readRequestText(req);
  const reply = await decide(state, record, body);
  record.body = recordedBody(await body);
  const latency = state.options.faults.latencyMs;
  if (latency > 0 && !(await state.sleep(latency))) return;
  if (state.isClosing()) return;
  record.status = reply.status;
  record.outcome = reply.outcome;
  writeReply(res, reply, state.now());
}

async function decide(state: HandlerState, record: RecordedRequest, body: Promise<string>): Promise<Reply> {
  const { method, path } = record;
  if (method === 'OPTIONS') return emptyReply(204, 'preflight');

  const match = path.startsWith(`${API_PREFIX}/`)
    ? matchRoute(state.routes, method, path.slice(API_PREFIX.length))
    : undefined;
  if (!match) return nestedError(404, 'not_found', 'not found', `no operation for ${method} ${path}`, 'not_found');

  if (match.route.signed !== false) {
    const denied = authenticate(state.keys, record, method, path, state.now(), state.options.timestampWindowMs);
    if (denied) return denied;
  }

  const fault = state.faults.next();
  // The operationId is the route's operation name with its first letter in lower case.
  const script = takeScripted(state.scripted, match.route.operation.charAt(0).toLowerCase() + match.route.operation.slice(1));
  if (script && 'loseAnswer' in script) {
    return { ...runRoute(state, match.route, record.query, match.pathParams, await body), cut: true, outcome: 'connection_reset' };
  }
  if (script) return scriptedReply(script);

  if (fault.kind === 'tooManyRequests') return tooManyRequests('too_many_requests');
  if (fault.kind === 'serverError') {
    if (fault.body === 'html') return htmlError(fault.status, 'server_error');
    if (fault.body === 'empty') return emptyReply(fault.status, 'server_error');
    return nestedError(fault.status, 'internal_server_error', 'internal server error', 'injected fault', 'server_error');
  }
  const bucket = method === 'GET' ? state.buckets?.read : state.buckets?.write;
  if (bucket && fault.kind === 'none' && !bucket.take(Date.now())) return tooManyRequests('rate_limited');

  const answer = runRoute(state, match.route, record.query, match.pathParams, await body);
  return fault.kind === 'connectionReset' ? { ...answer, cut: true, outcome: 'connection_reset' } : answer;
}

const OUTCOMES: Record<FakeApiError['status'], RequestOutcome> = { 400: 'bad_request', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

function runRoute(state: HandlerState, route: Route, query: URLSearchParams, pathParams: Record<string, string>, body: string): Reply {
  if (state.options.forbidden.has(operationIdOf(route))) {
    return nestedError(403, 'forbidden', 'forbidden', `this account has no access to ${operationIdOf(route)}`, 'forbidden');
  }
  try {
    const result = route.handle({
      query, data: state.data, account: state.account, pathParams, body, asOfUs: state.clock.asOfUs, apiLimits: state.apiLimits,
      restAsOfUs: () => restAsOfUs(state.clock.asOfUs(), state.options.faults.restLagMs),
    });
    // 204 (cancel all) has no body at all.
    return result.status === 204 ? emptyReply(204, 'ok') : jsonReply(result.status, result.body);
  } catch (error) {
    if (error instanceof ParamError) return bareMessage(error.message);
    if (error instanceof BodyError) return flatError(400, 'bad_request', error.message, error.details);
    const refused = error instanceof AccountError ? fromAccountError(error) : error;
    if (refused instanceof FakeApiError) return nestedError(refused.status, refused.code, refused.message, refused.details, OUTCOMES[refused.status]);
    return nestedError(500, 'internal_server_error', 'internal server error', String(error), 'internal_error');
  }
}

/** Past this, the rest of a body is dropped, so a runaway client cannot fill memory. */
const MAX_BODY = 1 << 20;

/** The request body as text (cut at MAX_BODY); '' when the request fails. */
function readRequestText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
