/**
 * `spec:diff` against Kalshi: our spec (generated/openapi.json, bundled from spec/openapi.yaml)
 * held to Kalshi's OpenAPI 3.31.0. Every operation we have exists there with the same method,
 * path, path and query parameters; every value our parameters and request bodies allow, Kalshi's
 * accept; every success body Kalshi's schemas describe, ours accept (no stricter type, enum,
 * pattern, format, range or required field) and carry (no field of Kalshi's left out). Each
 * difference is one we decided, listed in DECIDED with its reason; any other fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deref, type Json } from '../../scripts/lib/json-schema.js';
import { type OperationId, operationTable } from '../../src/index.js';
import { kalshiRest, kalshiStreamDocument } from '../support/upstream.js';
import { refusals } from './schema-compare.js';

const ours = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as Json;
const kalshi = kalshiRest();
const oursStream = JSON.parse(readFileSync(new URL('../../generated/asyncapi.json', import.meta.url), 'utf8')) as Json;
const kalshiStream = kalshiStreamDocument().patched;

/** Our stream schemas and Kalshi's: messages the client receives (ours must accept Kalshi's), commands it sends (Kalshi's must accept ours). */
const RECEIVED: Array<[ours: string, kalshi: string]> = [
  ['FillMessage', 'fillPayload'],
  ['MarketPositionMessage', 'marketPositionPayload'],
  ['UserOrderMessage', 'userOrderPayload'],
  ['OrderGroupUpdateMessage', 'orderGroupUpdatesPayload'],
  ['SubscribedReply', 'subscribedResponsePayload'],
  ['OkReply', 'okResponsePayload'],
  ['UnsubscribedReply', 'unsubscribedResponsePayload'],
  ['ErrorReply', 'errorResponsePayload'],
];
const SENT: Array<[ours: string, kalshi: string]> = [
  ['SubscribeCommand', 'subscribeCommandPayload'],
  ['UnsubscribeCommand', 'unsubscribeCommandPayload'],
  ['UpdateSubscriptionCommand', 'updateSubscriptionCommandPayload'],
  ['ListSubscriptionsCommand', 'listSubscriptionsCommandPayload'],
];

/** Differences of our spec/asyncapi.yaml from Kalshi's AsyncAPI 2.0.0 that are decisions, each with its reason. */
const DECIDED_STREAM: Record<string, string> = {
  'SubscribedReply.id: minimum 1 where theirs has 0': 'Kalshi reads id 0 as "no id"; the client numbers its commands from 1, so a reply to it never carries 0',
  'OkReply.id: minimum 1 where theirs has 0': 'as for SubscribedReply.id',
  'UnsubscribedReply.id: minimum 1 where theirs has 0': 'as for SubscribedReply.id',
  'ErrorReply.id: minimum 1 where theirs has 0': 'as for SubscribedReply.id',
  'OkReply.msg.market_tickers: omits':
    'the full ticker list after update_subscription: the client never sends update_subscription (it subscribes again instead), and unknown fields pass our validation',
  'OkReply.msg.market_ids: omits': 'as for OkReply.msg.market_tickers (market ids are for market-data channels)',
  'ErrorReply.msg.market_id: omits': 'market-specific detail of an error; passes our validation as an unknown field, and the client reports errors by code',
  'ErrorReply.msg.market_ticker: omits': 'as for ErrorReply.msg.market_id',
  "SubscribeCommand (Kalshi's refuses).params.market_tickers[]: pattern ^[A-Z0-9.-]+$ where theirs has none":
    "tickers are the caller's: the client passes them on unchecked and Kalshi answers a bad one with an error",
  "UpdateSubscriptionCommand (Kalshi's refuses).params.market_tickers[]: pattern ^[A-Z0-9.-]+$ where theirs has none": 'as for SubscribeCommand',
  "UnsubscribeCommand (Kalshi's refuses).params.sids[]: minimum 1 where theirs has none": 'the client only sends sids the server gave it, which start at 1',
  "UpdateSubscriptionCommand (Kalshi's refuses).params.sids[]: minimum 1 where theirs has none": 'as for UnsubscribeCommand',
};

function streamDifferences(spec: Json): string[] {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return [
    ...RECEIVED.flatMap(([mine, theirs]) => refusals(spec, ref(mine), kalshiStream, ref(theirs), mine)),
    ...SENT.flatMap(([mine, theirs]) => refusals(kalshiStream, ref(theirs), spec, ref(mine), `${mine} (Kalshi's refuses)`)),
  ];
}

/** Differences from Kalshi's 3.31.0 that are decisions, each with its reason. */
const DECIDED: Record<string, string> = {
  'getPositions query settlement_status: ours only':
    "the seed's parameter, which 3.31.0 no longer lists (facts file, \"The seed's parameters that the current API no longer lists\"): kept, marked deprecated",
  'updateSubaccountNetting 200: a JSON body in ours, none in Kalshi\'s':
    "Kalshi's 200 for PUT /portfolio/subaccounts/netting describes no body; the facts file records the empty object it answers, and ours documents that",
};

/**
 * Fields of Kalshi's `Market` our `Market` leaves out: the SDK reads only a market's status, result
 * and YES prices (the P&L's closing prices) and its price grid (the order desk's guard rails); the
 * rest of the answer passes our validation as unknown fields.
 */
const MARKET_FIELDS_WE_DO_NOT_TYPE = [
  'market_type', 'title', 'subtitle', 'yes_sub_title', 'no_sub_title', 'created_time', 'updated_time', 'open_time', 'close_time',
  'expected_expiration_time', 'expiration_time', 'latest_expiration_time', 'settlement_timer_seconds', 'yes_bid_size_fp', 'yes_ask_size_fp',
  'no_bid_dollars', 'no_ask_dollars', 'volume_fp', 'volume_24h_fp', 'can_close_early', 'open_interest_fp', 'notional_value_dollars',
  'previous_yes_bid_dollars', 'previous_yes_ask_dollars', 'previous_price_dollars', 'settlement_value_dollars', 'settlement_ts',
  'settlement_bounds_type', 'settlement_floor_dollars', 'expiration_value', 'occurrence_datetime', 'fee_waiver_expiration_time',
  'early_close_condition', 'strike_type', 'floor_strike', 'cap_strike', 'functional_strike', 'custom_strike', 'rules_primary',
  'rules_secondary', 'mve_collection_ticker', 'mve_selected_legs', 'primary_participant_key', 'is_provisional', 'exchange_index',
];
for (const field of MARKET_FIELDS_WE_DO_NOT_TYPE) {
  DECIDED[`getMarket 200.market.${field}: omits`] =
    "our Market types only what the SDK reads (status, result, YES bid/ask/last price for the P&L's closing prices, price grid for the order desk); Kalshi's other fields pass as unknown";
}

function ourOperation(spec: Json, path: string, method: string): Json {
  return spec['paths'][path][method.toLowerCase()];
}

function parametersOf(spec: Json, operation: Json, pathItem: Json): Json[] {
  return [...(pathItem['parameters'] ?? []), ...(operation['parameters'] ?? [])].map((p: Json) => deref(spec, p));
}

/** Every difference between one of our operations and Kalshi's, one line each. */
function differences(oursSpec: Json, operationId: OperationId): string[] {
  const entry = operationTable[operationId];
  const out: string[] = [];
  const mine = ourOperation(oursSpec, entry.path, entry.method);
  const theirs = kalshi.document['paths'][entry.path]?.[entry.method.toLowerCase()] as Json | undefined;
  if (!theirs) return [`${operationId}: ${entry.method} ${entry.path} is not in Kalshi's OpenAPI`];

  const myParams = parametersOf(oursSpec, mine, oursSpec['paths'][entry.path]);
  const theirParams = parametersOf(kalshi.document, theirs, kalshi.document['paths'][entry.path]);
  for (const p of myParams) {
    const t = theirParams.find((q) => q['name'] === p['name'] && q['in'] === p['in']);
    if (!t) {
      out.push(`${operationId} ${p['in']} ${p['name']}: ours only`);
      continue;
    }
    if (Boolean(p['required']) !== Boolean(t['required'])) out.push(`${operationId} ${p['in']} ${p['name']}: required ${Boolean(p['required'])} in ours, ${Boolean(t['required'])} in Kalshi's`);
    // A value our parameter allows must be one Kalshi's allows.
    out.push(...refusals(kalshi.document, t['schema'], oursSpec, p['schema'], `${operationId} ${p['in']} ${p['name']} (Kalshi's refuses)`));
  }
  for (const t of theirParams) {
    if (!myParams.some((p) => p['name'] === t['name'] && p['in'] === t['in'])) out.push(`${operationId} ${t['in']} ${t['name']}: Kalshi's only`);
  }

  const myBody = mine['requestBody'] ? deref(oursSpec, mine['requestBody'])['content']['application/json']['schema'] : undefined;
  const theirBody = theirs['requestBody'] ? deref(kalshi.document, theirs['requestBody'])['content']['application/json']['schema'] : undefined;
  if (Boolean(myBody) !== Boolean(theirBody)) out.push(`${operationId} request body: ${myBody ? 'ours only' : "Kalshi's only"}`);
  // A body our schema allows must be one Kalshi's accepts.
  else if (myBody) out.push(...refusals(kalshi.document, theirBody, oursSpec, myBody, `${operationId} request (Kalshi's refuses)`));

  for (const [status, response] of Object.entries<Json>(mine['responses'])) {
    if (!/^2\d\d$/.test(status)) continue;
    const theirResponse = theirs['responses'][status] as Json | undefined;
    if (!theirResponse) {
      out.push(`${operationId} ${status}: Kalshi lists no such response`);
      continue;
    }
    const mySchema = deref(oursSpec, response)['content']?.['application/json']?.['schema'];
    const theirSchema = deref(kalshi.document, theirResponse)['content']?.['application/json']?.['schema'];
    if (mySchema && !theirSchema) {
      out.push(`${operationId} ${status}: a JSON body in ours, none in Kalshi's`);
      continue;
    }
    out.push(...refusals(oursSpec, mySchema, kalshi.document, theirSchema, `${operationId} ${status}`));
  }
  for (const status of Object.keys(theirs['responses'])) {
    if (/^2\d\d$/.test(status) && !mine['responses'][status]) out.push(`${operationId} ${status}: Kalshi's only`);
  }
  return out;
}

const allDifferences = (spec: Json) => (Object.keys(operationTable) as OperationId[]).flatMap((id) => differences(spec, id));

describe("our spec against Kalshi's OpenAPI 3.31.0", () => {
  it('differs only where we decided, and every decision is still needed', () => {
    const found = allDifferences(ours);
    expect(found.filter((d) => !(d in DECIDED)), 'differences nobody decided').toEqual([]);
    expect(Object.keys(DECIDED).filter((d) => !found.includes(d)), 'decisions no longer needed: drop them').toEqual([]);
  });

  it('the stream: our messages accept what Kalshi sends, Kalshi accepts the commands ours allow, except where we decided', () => {
    const found = streamDifferences(oursStream);
    expect(found.filter((d) => !(d in DECIDED_STREAM)), 'differences nobody decided').toEqual([]);
    expect(Object.keys(DECIDED_STREAM).filter((d) => !found.includes(d)), 'decisions no longer needed: drop them').toEqual([]);
  });

  it('the comparison catches what it should (it can fail)', () => {
    const edited = structuredClone(ours);
    const fill = edited['components']['schemas']['Fill'];
    delete fill['properties']['fee_cost'];
    fill['required'] = fill['required'].filter((f: string) => f !== 'fee_cost');
    fill['properties']['ticker'] = { type: 'string', pattern: '^[A-Z-]+$' };
    fill['required'].push('ts');
    edited['components']['schemas']['Settlement']['properties']['market_result'] = { type: 'string', enum: ['yes', 'no'] };
    edited['paths']['/portfolio/fills']['get']['parameters'].push({ name: 'page', in: 'query', schema: { type: 'integer' } });
    const limit = deref(edited, edited['paths']['/portfolio/fills']['get']['parameters'].find((p: Json) => deref(edited, p)['name'] === 'limit'));
    limit['schema'] = { type: 'integer', minimum: 1, maximum: 5000 };
    const found = allDifferences(edited).filter((d) => !(d in DECIDED));
    expect(found).toEqual(
      expect.arrayContaining([
        'getFills 200.fills[].fee_cost: omits',
        'getFills 200.fills[].ticker: pattern ^[A-Z-]+$ where theirs has none',
        'getFills 200.fills[].ts: required by ours, optional in theirs',
        'getSettlements 200.settlements[].market_result: enum ["yes","no"] refuses ["scalar"]',
        'getFills query page: ours only',
        "getFills query limit (Kalshi's refuses): maximum 1000 where theirs has 5000",
      ]),
    );
    const stream = structuredClone(oursStream);
    stream['components']['schemas']['StreamFill']['required'].push('subaccount');
    expect(streamDifferences(stream)).toContain('FillMessage.msg.subaccount: required by ours, optional in theirs');
  });
});
