/**
 * The same program (examples/runtime-smoke.ts: create a client from a PKCS#1 key, getBalance,
 * walk every page of fills) against the fake Kalshi on loopback, under Node 20, 22 and 24, Bun,
 * Deno and headless Chromium. Each runtime runs the built package (dist/, as `npm install` would
 * give it), which is why `npm test` builds first.
 *
 * Node 20 is the Node running the tests (the machine's; CI's is 20). Node 22 and 24 are the pinned
 * Linux x64 builds of node-versions/ (see pins.ts), which `npm run test:all` installs first: each of their
 * tests fails, saying why, where they are not installed or cannot be (another platform).
 *
 * Node, Bun and Deno run the program as a subprocess and print a JSON summary, with the runtime's
 * own version (so a test proves which Node it ran); for Chromium the
 * program is bundled with esbuild, served from a second loopback origin (so every API call is a
 * real cross-origin request with a CORS preflight) and called in the page through playwright-core.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmokeOptions, SmokeSummary } from '../../examples/runtime-smoke.js';
import type { StreamSummary } from '../../examples/stream-smoke.js';
import { startFakeKalshi, type FakeKalshi, type RecordedRequest } from '../../src/testing/index.js';
import { pinnedNodes, requireBinary } from './node-versions/pins.js';

const root = join(import.meta.dirname, '..', '..');
const PROGRAM = join(root, 'examples', 'runtime-smoke.ts');
const STREAM_PROGRAM = join(root, 'examples', 'stream-smoke.ts');
const PROBE = join(import.meta.dirname, 'resolve-probe.ts');
/** tsconfig.json without `paths`, for tsx, Bun and esbuild (see the file). */
const NO_PATHS_TSCONFIG = join(import.meta.dirname, 'tsconfig.no-paths.json');
const BUILT_ENTRY = join(root, 'dist', 'src', 'index.js');
const BIN = join(root, 'node_modules', '.bin');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for a machine without internet: no background traffic, no QUIC, no sandbox (containers). */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PAGE_SIZE = 5;
const SUBPROCESS_TIMEOUT_MS = 30_000;

let fake: FakeKalshi;
/** A fake of its own for the stream, so its trades leave the fills the other checks count alone. */
let streamFake: FakeKalshi;
let scratch: string;
let staticServer: Server | undefined;
let browser: Browser | undefined;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (!existsSync(BUILT_ENTRY)) {
    throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first (\`npm run test:all\` does it through pretest:all)`);
  }
  scratch = mkdtempSync(join(tmpdir(), 'kalshi-runtimes-'));
  // 23 fills in pages of 5: five pages, the last one short, so the walk follows four cursors.
  fake = await startFakeKalshi({ seed: 11, fills: 23, historicalCutoffDays: null });
  streamFake = await startFakeKalshi({ seed: 12, fills: 5, historicalCutoffDays: null });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await browser?.close();
  if (staticServer) {
    const closed = new Promise<void>((resolve) => staticServer!.close(() => resolve()));
    staticServer.closeAllConnections();
    await closed;
  }
  await fake?.close();
  await streamFake?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------- Node, Bun, Deno

interface Command {
  file: string;
  args: string[];
  env: Record<string, string>;
}

type CliRuntime = 'node' | 'bun' | 'deno';

interface CliCase {
  runtime: CliRuntime;
  title: string;
  /** The runtime's version, as the programs report it (`runtimeVersion()`). */
  version: string;
  /** What the fake must see as each request's user agent. */
  userAgent: RegExp;
  /** The Node binary (node only), looked up when a test starts: a missing one fails its own tests. */
  nodeBinary?: () => string;
}

/** The command line that runs `script` (the program, or the resolution probe) under `cliCase`'s runtime. */
function commandFor(cliCase: CliCase, script: string, scriptArgs: string[]): Command {
  // A clean environment: nothing of the developer's shell (a real KALSHI_* key, NODE_OPTIONS…) leaks in.
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? scratch, NO_COLOR: '1' };
  switch (cliCase.runtime) {
    case 'node':
      // The same way on every Node: tsx strips the types (Node 20 cannot; 22 and 24 could, but the
      // program is run the same everywhere) and, told to use the no-paths tsconfig, leaves
      // `kalshi-portfolio` to Node's own resolution: the package's self-reference.
      return {
        file: cliCase.nodeBinary!(),
        args: ['--import', 'tsx', script, ...scriptArgs],
        env: { ...base, TSX_TSCONFIG_PATH: NO_PATHS_TSCONFIG },
      };
    case 'bun':
      return {
        file: join(BIN, 'bun'),
        args: ['--no-install', `--tsconfig-override=${NO_PATHS_TSCONFIG}`, script, ...scriptArgs],
        // No transpiler cache written under $HOME.
        env: { ...base, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' },
      };
    case 'deno':
      return {
        file: join(BIN, 'deno'),
        args: [
          'run',
          '--node-modules-dir=manual', // npm packages from the existing node_modules, never the registry
          '--cached-only',
          '--no-lock', // write no deno.lock into the project
          '--no-prompt',
          `--allow-net=${new URL(fake.baseUrl).host},${new URL(streamFake.baseUrl).host}`, // the fakes only
          '--allow-env=KALSHI_PRIVATE_KEY_PEM', // the key; everything else comes from argv
          script,
          ...scriptArgs,
        ],
        env: { ...base, DENO_DIR: join(scratch, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' },
      };
  }
}

interface RunResult {
  command: string;
  code: number | string | null;
  stdout: string;
  stderr: string;
}

function run({ file, args, env }: Command): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd: root, env, encoding: 'utf8', timeout: SUBPROCESS_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        children.delete(child);
        const code = error ? ((error as { code?: number | string }).code ?? error.signal ?? 'error') : 0;
        resolve({ command: [file, ...args].join(' '), code, stdout, stderr: error && !stderr ? String(error) : stderr });
      },
    );
    children.add(child);
  });
}

function report(what: string, result: RunResult): string {
  return `${what}\n$ ${result.command}\nexit: ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

function parseSummary(result: RunResult): SmokeSummary {
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as SmokeSummary;
  } catch {
    throw new Error(report('the program did not print a JSON summary', result));
  }
}

/** What the fake saw from the program: every request signed with its key and answered 200. */
function expectSignedTraffic(seen: RecordedRequest[], userAgent: RegExp, context: string): void {
  const api = seen.filter((r) => r.method !== 'OPTIONS');
  const listing = JSON.stringify(seen.map((r) => [r.method, r.path, r.status, r.keyId, r.headers['user-agent']]));
  expect(api.length, `${context}: no request reached the fake`).toBeGreaterThan(0);
  for (const request of api) {
    expect(request.status, `${context}: ${request.method} ${request.path} was answered ${request.status}; requests: ${listing}`).toBe(200);
    expect(request.keyId, `${context}: a request not signed with the fake's key; requests: ${listing}`).toBe(fake.keyId);
    expect(request.signature, `${context}: an unsigned request`).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(request.headers['user-agent'], `${context}: a request from another runtime; requests: ${listing}`).toMatch(userAgent);
  }
  expect(api.filter((r) => r.path.endsWith('/portfolio/balance')).length, `${context}: one getBalance`).toBe(1);
  const pages = api.filter((r) => r.path.endsWith('/portfolio/fills'));
  expect(pages.length, `${context}: one request per page of fills; requests: ${listing}`).toBe(Math.ceil(fake.data.liveFills.length / PAGE_SIZE));
  for (const page of pages) expect(page.query.get('limit')).toBe(String(PAGE_SIZE));
  expect(pages.filter((r) => r.query.has('cursor')).length, `${context}: the cursor is followed`).toBe(pages.length - 1);
}

function expectedSummary(runtime: SmokeSummary['runtime'], version: string | null): SmokeSummary {
  return {
    runtime,
    version,
    balance_dollars: fake.data.balance.balance_dollars,
    fills: fake.data.liveFills.length,
    firstFillId: fake.data.liveFills[0]!.fill_id,
  };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const devDependencyVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Node `version` ("v22.23.3"): the SDK sends through undici's request() there and names itself. */
function nodeCase(version: string, title: string, nodeBinary: () => string): CliCase {
  return { runtime: 'node', title, version, userAgent: new RegExp(`^kalshi-portfolio \\(node ${escapeRegExp(version)}\\)$`), nodeBinary };
}

const CLI_RUNTIMES: CliCase[] = [
  nodeCase(process.version, `Node ${process.versions.node}, the one running the tests (through tsx)`, () => process.execPath),
  ...pinnedNodes().map((pin) => nodeCase(`v${pin.version}`, `Node ${pin.version}, the pinned build (through tsx)`, () => requireBinary(pin))),
  // Bun and Deno use their own fetch.
  { runtime: 'bun', title: 'Bun', version: devDependencyVersion('bun'), userAgent: /^Bun\// },
  { runtime: 'deno', title: 'Deno (npm packages from node_modules, net limited to the fake)', version: devDependencyVersion('deno'), userAgent: /^Deno\// },
];

describe('examples/runtime-smoke.ts against the fake on loopback', () => {
  for (const cliCase of CLI_RUNTIMES) {
    const { runtime, title, version, userAgent } = cliCase;
    it(`runs under ${title}`, async () => {
      const probe = await run(commandFor(cliCase, PROBE, []));
      expect(probe.stdout.trim(), report(`${runtime} must resolve kalshi-portfolio to the built package`, probe)).toBe(
        pathToFileURL(BUILT_ENTRY).href,
      );

      const before = fake.requests.length;
      const command = commandFor(cliCase, PROGRAM, ['--base-url', fake.baseUrl, '--key-id', fake.keyId, '--page-size', String(PAGE_SIZE)]);
      command.env.KALSHI_PRIVATE_KEY_PEM = fake.privateKeyPem;
      const result = await run(command);
      expect(result.code, report(`${runtime} failed`, result)).toBe(0);
      const summary = parseSummary(result);
      expect(summary.version, report(`${title}: ran another version`, result)).toBe(version);
      expect(summary, report(`${runtime} printed a wrong summary`, result)).toEqual(expectedSummary(runtime, version));
      expectSignedTraffic(fake.requests.slice(before), userAgent, report(runtime, result));
    });
  }
});

describe('examples/stream-smoke.ts: a short stream against the fake', () => {
  for (const cliCase of CLI_RUNTIMES) {
    const { runtime, title, version } = cliCase;
    it(`streams under ${title}: signed handshake, caught up, one live fill`, async () => {
      const command = commandFor(cliCase, STREAM_PROGRAM, ['--base-url', streamFake.baseUrl, '--key-id', streamFake.keyId, '--page-size', '5']);
      command.env.KALSHI_PRIVATE_KEY_PEM = streamFake.privateKeyPem;
      const accepted = streamFake.streamHandshakes.filter((h) => h.accepted).length;
      let made: Promise<{ trade_id: string }> | undefined;
      const result = await runStreaming(command, (line) => {
        if (line === 'caught-up' && !made) {
          const ticker = streamFake.data.marketPositions[0]!.position.ticker;
          made = streamFake.trade({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '2.00', price_dollars: '0.4400' });
        }
      });
      expect(result.code, report(`${runtime} failed`, result)).toBe(0);
      expect(made, report(`${runtime} never caught up`, result)).toBeDefined();
      const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as StreamSummary;
      expect(summary.version, report(`${title}: ran another version`, result)).toBe(version);
      expect(summary).toEqual({ runtime, version, tradeId: (await made!).trade_id, source: 'live' });
      expect(streamFake.streamHandshakes.filter((h) => h.accepted).length - accepted, 'one signed handshake').toBe(1);
    });
  }
});

/** Like `run`, but hands each stdout line to `onLine` as it arrives (to act in the middle of a run). */
function runStreaming({ file, args, env }: Command, onLine: (line: string) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.trim());
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), SUBPROCESS_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ command: [file, ...args].join(' '), code: code ?? signal, stdout, stderr });
    });
  });
}

// ---------------------------------------------------------------- Chromium

interface BrowserBundle {
  dir: string;
  files: string[];
}

let bundlePromise: Promise<BrowserBundle> | undefined;

/** The program bundled as a browser app would bundle it, plus a page that exposes `runSmoke`. */
function bundleForBrowser(): Promise<BrowserBundle> {
  bundlePromise ??= (async () => {
    const dir = join(scratch, 'www');
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [PROGRAM, STREAM_PROGRAM],
      absWorkingDir: root,
      outdir: dir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      splitting: true, // the SDK's lazily imported validators stay a lazy chunk, as in a real app
      target: 'es2022',
      tsconfig: NO_PATHS_TSCONFIG,
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'index.html'),
      [
        '<!doctype html>',
        '<meta charset="utf-8">',
        '<title>kalshi-portfolio runtime smoke</title>',
        '<script type="module">',
        "  import { runSmoke } from './runtime-smoke.js';",
        "  import { streamRefusal } from './stream-smoke.js';",
        '  window.runSmoke = runSmoke;',
        '  window.streamRefusal = streamRefusal;',
        '</script>',
        '',
      ].join('\n'),
    );
    return { dir, files: readdirSync(dir) };
  })();
  return bundlePromise;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves the bundle's files (and nothing else) on 127.0.0.1: an origin other than the fake's. */
async function serveStatic(bundle: BrowserBundle): Promise<string> {
  staticServer = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
    if (name === 'favicon.ico') {
      res.writeHead(204).end(); // keeps a 404 for the icon out of the browser log
      return;
    }
    if (!bundle.files.includes(name)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' });
    res.end(readFileSync(join(bundle.dir, name)));
  });
  await new Promise<void>((resolve) => staticServer!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
}

describe('examples/runtime-smoke.ts in headless Chromium', () => {
  it('bundles for the browser (esbuild, platform browser) without any node: module', async () => {
    const bundle = await bundleForBrowser();
    expect(bundle.files).toContain('runtime-smoke.js');
    expect(bundle.files).toContain('stream-smoke.js');
    for (const file of bundle.files.filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(join(bundle.dir, file), 'utf8');
      expect(text.match(/["']node:[a-z_/]+["']/g) ?? [], `${file} refers to a node: module`).toEqual([]);
    }
  });

  it('runs in Chromium from another origin (CORS preflights answered by the fake)', async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium is not installed at ${CHROMIUM}: install Debian's package with \`apt-get update && apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`,
    ).toBe(true);
    const bundle = await bundleForBrowser();
    const origin = await serveStatic(bundle);
    expect(origin).not.toBe(new URL(fake.baseUrl).origin);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 20_000 });
    const page = await browser.newPage();
    const log: string[] = [];
    page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => log.push(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
    const context = () => `page ${origin}/index.html; browser log:\n${log.join('\n') || '(empty)'}`;

    const before = fake.requests.length;
    let summary: SmokeSummary;
    try {
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => typeof (globalThis as { runSmoke?: unknown }).runSmoke === 'function', undefined, { timeout: 10_000 });
      const options: SmokeOptions = { baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem, pageSize: PAGE_SIZE };
      summary = await page.evaluate(
        (injected) => (globalThis as unknown as { runSmoke(o: SmokeOptions): Promise<SmokeSummary> }).runSmoke(injected),
        options,
      );
    } catch (error) {
      throw new Error(`Chromium: ${(error as Error).message}\n${context()}`);
    }
    expect(summary, context()).toEqual(expectedSummary('browser', null));

    const seen = fake.requests.slice(before);
    expectSignedTraffic(seen, /HeadlessChrome\//, context());
    // Cross-origin for real: every call carried the page's Origin, and the signed (non-simple)
    // requests were preflighted.
    const preflights = seen.filter((r) => r.method === 'OPTIONS');
    expect(preflights.length, 'Chromium sent no CORS preflight').toBeGreaterThan(0);
    for (const preflight of preflights) {
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-request-headers']).toMatch(/kalshi-access-signature/i);
    }
    for (const request of seen) expect(request.headers.origin).toBe(origin);

    // The stream cannot start here: a browser's WebSocket cannot send the signed handshake.
    const handshakes = fake.streamHandshakes.length;
    const refusal = await page.evaluate(
      (injected) => (globalThis as unknown as { streamRefusal(o: SmokeOptions): Promise<{ name: string; message: string } | null> }).streamRefusal(injected),
      { baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem },
    );
    expect(refusal?.name, context()).toBe('KalshiConfigError');
    expect(refusal?.message).toMatch(/handshake headers/);
    expect(refusal?.message).toMatch(/browser/);
    expect(fake.streamHandshakes.length, 'no handshake was tried').toBe(handshakes);
  });
});
