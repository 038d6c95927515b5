/**
 * The oracles themselves: Kalshi's documents load from ../shared/upstream, their known flaws are
 * exactly the ones patched (a new version that fixes or adds one fails here), the compiled
 * schemas do refuse wrong bodies, and what they cannot see is pinned down, which is why
 * semantics.test.ts and the envelope checks exist.
 */
import { describe, expect, it } from 'vitest';
import { kalshiRest, kalshiStreamDocument, PATCHED_TICKER_PATTERN, readUpstream } from '../support/upstream.js';

const rest = kalshiRest();
const stream = kalshiStreamDocument();

/** Kalshi's own examples that fail Kalshi's own schemas (message, example): known flaws of the document. */
const KNOWN_FAILING_EXAMPLES = [
  'trade tradeNotification', // lacks the required taker_outcome_side/taker_book_side
  'fill userFill', // lacks the required fee_cost, outcome_side, book_side, ...
  'multivariateMarketLifecycle mveMarketCreated', // its type is not the payload's const market_lifecycle_v2
  'orderGroupUpdates orderGroupLimitUpdated', // lacks the required ts_ms
  'userOrder userOrderCreated', // lacks the required outcome_side, book_side, ...
];

const aFill = {
  fill_id: '9c93f58d-af8b-4cfc-8702-6daae2b13b65',
  trade_id: '9c93f58d-af8b-4cfc-8702-6daae2b13b65',
  order_id: 'd3baf595-fd2f-4a9c-9b2d-dc151df2d501',
  ticker: 'KXBTCD-25AUG0517-T114999.99',
  market_ticker: 'KXBTCD-25AUG0517-T114999.99',
  exchange_index: 0,
  outcome_side: 'yes',
  book_side: 'bid',
  count_fp: '25.00',
  yes_price_dollars: '0.2200',
  no_price_dollars: '0.7800',
  is_taker: false,
  created_time: '2026-10-26T19:25:09.850237Z',
  fee_cost: '0.000000',
  ts: 1793042709,
};

describe("Kalshi's documents as oracles", () => {
  it('a missing document is a clear error naming where it belongs', () => {
    expect(() => readUpstream('kalshi-openapi-9.99.yaml')).toThrow(/kalshi-openapi-9\.99\.yaml is missing: expected it at .*shared\/upstream/);
  });

  it("OpenAPI: the 28 places with nullable beside a $ref are read as nullable, and nothing else was patched that way", () => {
    expect(rest.patches.besideRef).toBe(28);
    // A nullable field Kalshi wrote beside a $ref accepts null and still checks the referenced schema.
    expect(rest.component('GetHistoricalCutoffResponse')).toBeDefined();
  });

  it('OpenAPI: the schemas refuse wrong bodies', () => {
    const fill = rest.component('Fill');
    expect(fill(aFill)).toBe(true);
    expect(fill({ ...aFill, is_taker: 'no' })).toBe(false);
    expect(fill({ ...aFill, outcome_side: 'maybe' })).toBe(false);
    const { fill_id: _dropped, ...withoutId } = aFill;
    expect(fill(withoutId)).toBe(false);
    const page = rest.response(rest.operation('GET', '/portfolio/fills')!, 200)!;
    expect(page({ fills: [aFill], cursor: '' })).toBe(true);
    expect(page({ fills: [aFill] })).toBe(false);
  });

  it('OpenAPI: what the schemas cannot see (checked in semantics.test.ts and rest-sweep.ts instead)', () => {
    // outcome_side and book_side are independent enums there: an impossible pair passes.
    expect(rest.component('Fill')({ ...aFill, outcome_side: 'yes', book_side: 'ask' })).toBe(true);
    // ErrorResponse requires nothing: any object passes as an error body.
    expect(rest.component('ErrorResponse')({ anything: 1 })).toBe(true);
  });

  it("AsyncAPI: the ticker pattern is widened by exactly '.', which real tickers contain", () => {
    const schemas = readUpstream('kalshi-asyncapi-2.0.0.yaml')['components']['schemas'];
    expect(schemas['marketTicker']['pattern']).toBe('^[A-Z0-9-]+$');
    expect(new RegExp(schemas['marketTicker']['pattern']).test('KXBTCD-25AUG0517-T114999.99')).toBe(false);
    expect(new RegExp(PATCHED_TICKER_PATTERN).test('KXBTCD-25AUG0517-T114999.99')).toBe(true);
    expect(new RegExp(PATCHED_TICKER_PATTERN).test('kxbtcd lower case')).toBe(false);
  });

  it("AsyncAPI: of Kalshi's 58 examples, exactly the 5 known ones fail Kalshi's own schemas", () => {
    const failing: string[] = [];
    let examples = 0;
    for (const message of stream.messages) {
      // Ping and pong are WebSocket control frames (application/octet-stream), not JSON messages.
      if (stream.document['components']['messages'][message.name]['contentType'] !== 'application/json') continue;
      const validate = stream.message(message.name);
      for (const example of message.examples) {
        examples++;
        if (!validate(example.payload)) failing.push(`${message.name} ${example.name}`);
      }
    }
    expect(examples).toBe(58);
    expect(failing.sort()).toEqual([...KNOWN_FAILING_EXAMPLES].sort());
  });

  it('AsyncAPI: what the schemas cannot see (checked by the envelope check and semantics.test.ts instead)', () => {
    const error = stream.message('errorResponse');
    expect(error({ type: 'error', sid: 3, msg: { code: 10, msg: 'channel error' } })).toBe(true);
    expect(error({ type: 'error', msg: { code: 29, msg: 'no such code' } })).toBe(false);
  });
});
