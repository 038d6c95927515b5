/**
 * Iterators against a server whose pagination never ends: empty pages, each with a new cursor.
 * A tiny local server stands in for Kalshi, so it can answer that way forever.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiPaginationError, type KalshiClient } from '../src/index.js';
import { collect, rejection } from './support/async.js';
import { rsaKeys } from './support/keys.js';

/** Past this many requests the server ends the list, so a missing bound fails the test instead of hanging it. */
const GIVE_UP_AFTER = 1_000;

let server: Server;
let client: KalshiClient;
let requests: URL[] = [];
/** The page to answer the n-th request (1-based) of the current test with. */
let answer: (n: number) => Record<string, unknown>;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(new URL(request.url!, 'http://127.0.0.1'));
    const n = requests.length;
    const page = n > GIVE_UP_AFTER ? { fills: [], market_positions: [], event_positions: [], cursor: '' } : answer(n);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  client = await createKalshiClient({ keyId: 'key-id', privateKey: rsaKeys().pkcs8, baseUrl: `http://127.0.0.1:${port}/trade-api/v2`});
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
});

const fill = (n: number) => ({ fill_id: `fill-${n}` });

describe('empty pages that keep handing out new cursors', () => {
  it('stop the iterator with a KalshiPaginationError after ten requests', async () => {
    answer = (n) => ({ fills: [], cursor: `cursor-${n}` });
    const error = await rejection(collect(client.fills()));
    expect(error).toBeInstanceOf(KalshiPaginationError);
    expect(error.message).toMatch(/getFills returned 10 empty pages in a row, each with a new cursor/);
    expect(requests).toHaveLength(10);
    // Every request followed the cursor before it: the bound is on a real chain, not on retries.
    expect(requests.map((url) => url.searchParams.get('cursor'))).toEqual([null, ...Array.from({ length: 9 }, (_, i) => `cursor-${i + 1}`)]);
  });

  it('after items have come, still stop', async () => {
    answer = (n) => (n <= 3 ? { fills: [fill(n)], cursor: `cursor-${n}` } : { fills: [], cursor: `cursor-${n}` });
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of client.fills()) seen.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(KalshiPaginationError);
    expect(seen).toEqual([fill(1), fill(2), fill(3)]);
    expect(requests).toHaveLength(13);
  });

  it('a shorter run, broken by a page with items, is followed to the end', async () => {
    // Nine empty pages, one fill, nine empty pages, the end: never ten empty in a row.
    answer = (n) => ({ fills: n === 10 ? [fill(n)] : [], cursor: n < 19 ? `cursor-${n}` : '' });
    expect(await collect(client.fills())).toEqual([fill(10)]);
    expect(requests).toHaveLength(19);
  });

  it('a page with nothing in the iterated list but items in another is not empty', async () => {
    // getPositions cuts its pages by market: a page of markets whose events were listed before has no event_positions.
    answer = (n) => ({
      market_positions: [{ ticker: `market-${n}` }],
      event_positions: n === 1 ? [{ event_ticker: 'event' }] : [],
      cursor: n < 30 ? `cursor-${n}` : '',
    });
    expect(await collect(client.eventPositions({ limit: 1 }))).toEqual([{ event_ticker: 'event' }]);
    expect(requests).toHaveLength(30);
  });
});

describe('a page that repeats under fresh cursors', () => {
  it('stops the iterator at the first repeat, without yielding its items again', async () => {
    answer = (n) => ({ fills: [fill(1), fill(2)], cursor: `cursor-${n}` });
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of client.fills()) seen.push(item);
      })(),
    );
    expect(error).toBeInstanceOf(KalshiPaginationError);
    expect(error.message).toMatch(/getFills page 2 repeats page 1 under a new cursor/);
    expect(seen).toEqual([fill(1), fill(2)]);
    expect(requests).toHaveLength(2);
  });

  it('also when the loop is longer than one page', async () => {
    // Pages 1, 2, 3, then 1, 2, 3 again, each under a cursor never seen.
    answer = (n) => ({ fills: [fill(((n - 1) % 3) * 2), fill(((n - 1) % 3) * 2 + 1)], cursor: `cursor-${n}` });
    const error = await rejection(collect(client.fills()));
    expect(error.message).toMatch(/page 4 repeats page 1/);
    expect(requests).toHaveLength(4);
  });

  it('pages that share items but not both ends are followed', async () => {
    // Overlapping windows (a server that shifts by one) are odd but not a loop: followed to the end.
    answer = (n) => ({ fills: [fill(n), fill(n + 1)], cursor: n < 5 ? `cursor-${n}` : '' });
    expect(await collect(client.fills())).toHaveLength(10);
  });
});
