/**
 * The CLI against a server that answers badly on purpose (a plain node:http server on 127.0.0.1,
 * reached with --base-url): malformed amounts are the server's fault (exit 1, the field named),
 * and nothing it says can drive the terminal or flood it.
 */
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetBalanceResponse, Settlement } from '../../src/index.js';
import { startFakeKalshi } from '../../src/testing/index.js';
import { assertBuilt, run, tempDir } from '../support/cli.js';
import { rsaKeys } from '../support/keys.js';

interface Answer {
  status: number;
  body: unknown;
}

/** Answers each path (below /trade-api/v2) with its fixed answer; anything else is a 404. */
async function hostileServer(routes: Record<string, Answer>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/trade-api\/v2/, '');
    const answer = routes[path] ?? { status: 404, body: { error: { code: 'not_found', message: 'not found' } } };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/trade-api/v2`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let keys: ReturnType<typeof tempDir>;
let keyFile: string;
/** Real-looking answers (from the fake's data), to be spoiled one field at a time. */
let balance: GetBalanceResponse;
let settlement: Settlement;

beforeAll(async () => {
  assertBuilt();
  keys = tempDir();
  keyFile = join(keys.path, 'kalshi.key');
  writeFileSync(keyFile, rsaKeys().pkcs1, { mode: 0o600 });
  const fake = await startFakeKalshi({ seed: 4 });
  balance = fake.data.balance;
  settlement = fake.data.settlements[0]!.settlement;
  await fake.close();
});
afterAll(() => keys?.remove());

/** Runs the CLI against a server that gives these answers. */
async function against(routes: Record<string, Answer>, args: string[]) {
  const server = await hostileServer(routes);
  try {
    return await run([...args, '--key-id', 'test-key-id', '--key-file', keyFile, '--base-url', server.baseUrl]);
  } finally {
    await server.close();
  }
}

const settlementsAnswer = (...settlements: Settlement[]): Record<string, Answer> => ({
  '/portfolio/settlements': { status: 200, body: { settlements, cursor: '' } },
});

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe.concurrent('a malformed amount from the server is an API-data error (exit 1), not a usage error', () => {
  it('balance: names the field and quotes the value', async () => {
    const { code, stdout, stderr } = await against({ '/portfolio/balance': { status: 200, body: { ...balance, balance_dollars: '12.3x' } } }, ['balance']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kalshi-portfolio: the server sent a malformed amount in balance_dollars: .*"12\.3x"/);
  });

  it('settlements: a cost in exponent notation, and revenue that is not whole cents', async () => {
    const cost = await against(settlementsAnswer({ ...settlement, yes_total_cost_dollars: '1e3' }), ['settlements']);
    expect(cost.code).toBe(1);
    expect(cost.stderr).toMatch(/malformed amount in yes_total_cost_dollars: .*"1e3".*exponent notation/);
    const revenue = await against(settlementsAnswer({ ...settlement, revenue: 1.5 }), ['settlements']);
    expect(revenue.code).toBe(1);
    expect(revenue.stderr).toMatch(/malformed amount in revenue: .*1\.5/);
  });

  it('a megabyte of digits: fails at once, with a short message', async () => {
    const huge = `${'1'.repeat(1_000_000)}x`;
    const { code, stderr } = await against({ '/portfolio/balance': { status: 200, body: { ...balance, balance_dollars: huge } } }, ['balance']);
    expect(code).toBe(1);
    expect(stderr).toContain('malformed amount in balance_dollars');
    expect(stderr).toContain('(1000001 characters)');
    expect(stderr.length).toBeLessThan(600);
  });
});

describe.concurrent('what the server says cannot drive the terminal', () => {
  const hostile = 'KX\u001b[2J\rEVIL\u009b31m-26';

  it('a ticker and a result with escape sequences and a carriage return come out escaped in the table', async () => {
    const { code, stdout, stderr } = await against(settlementsAnswer({ ...settlement, ticker: hostile, market_result: 'yes\u001b]0;owned\u0007' as 'yes' }), [
      'settlements',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toContain('KX\\x1b[2J\\x0dEVIL\\x9b31m-26');
    expect(stdout).toContain('yes\\x1b]0;owned\\x07');
  });

  it('--json keeps the value exact, with no raw control character', async () => {
    const { code, stdout } = await against(settlementsAnswer({ ...settlement, ticker: hostile }), ['settlements', '--json']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(JSON.parse(stdout)[0].ticker).toBe(hostile);
  });

  it("an error message with escape sequences is escaped, and 100 kB of it is cut to a few hundred characters, --debug's too", async () => {
    const message = `\u001b[2J\rEVIL ${'A'.repeat(100_000)}`;
    for (const debug of [[], ['--debug']]) {
      const { code, stdout, stderr } = await against({ '/portfolio/balance': { status: 400, body: { error: { code: 'bad_request', message } } } }, [
        'balance',
        ...debug,
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const line = stderr.split('\n').find((l) => l.startsWith('kalshi-portfolio: GET '));
      expect(line).toMatch(/^kalshi-portfolio: GET \/trade-api\/v2\/portfolio\/balance failed with HTTP 400 \(bad_request\): \\x1b\[2J\\x0dEVIL A+…$/);
      expect(line!.length).toBeLessThan(450);
      expect(stderr).not.toMatch(CONTROL);
      expect(stderr.length).toBeLessThan(debug.length ? 5_000 : 500);
    }
  });

  it("an auth error's hint survives the cut of the server's message", async () => {
    const body = { error: { code: 'authentication_error', message: 'B'.repeat(100_000), details: 'INCORRECT_API_KEY_SIGNATURE' } };
    const { code, stderr } = await against({ '/portfolio/balance': { status: 401, body } }, ['balance']);
    expect(code).toBe(1);
    expect(stderr.length).toBeLessThan(700);
    expect(stderr).toMatch(/\(authentication_error \/ INCORRECT_API_KEY_SIGNATURE\): B+… — the signature did not verify/);
  });
});
