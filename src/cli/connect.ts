/**
 * Where the CLI connects: real Kalshi with an API key (flags or environment variables), or with
 * --fake the embedded fake Kalshi, started in this process with a fixed seed and closed at exit.
 */
import { readFileSync, statSync } from 'node:fs';
import { createKalshiClient, iteratorTable, KalshiConfigError, type KalshiClient, type KalshiEnvironment, type KalshiHooks } from '../index.js';
import { UsageError } from './exit-status.js';

/**
 * The runtime's own fetch, not undici's package: a command runs once, so the ~0.17 CPU-second
 * of loading undici's 112 modules costs more than its speed saves (Kalshi's rate limits, not
 * the HTTP client, set the pace of a long export; measured: `balance` 0.60 → 0.43 CPU-s).
 */
const CLI_TRANSPORT = 'fetch';

export interface GlobalOptions {
  keyId?: string;
  keyFile?: string;
  env: KalshiEnvironment;
  baseUrl?: string;
  fake?: boolean;
  fakeSeed: number;
  fakeFills?: number;
  fakeLatencyMs?: number;
  fakeForbidden?: string[];
  debug?: boolean;
}

/** What a command may ask of the embedded fake beyond the global options (`watch` wants it trading). */
export interface FakeExtras {
  /** Keep the fake account trading in the background, this many fills a second. */
  fillsPerSecond?: number;
  /** End every stream connection abruptly this many ms after it opened (to see reconnects). */
  streamDropEveryMs?: number;
}

export interface CliSession {
  client: KalshiClient;
  /** "Now" in ms since the epoch: the fake's own clock with --fake (its data is dated), else the wall clock. */
  now: number;
  /** List pages received so far (successful GETs of a list endpoint), for progress. */
  pages(): number;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_SEED = 7;

/** The list operations: each has an iterator, which calls it once per page. */
const LIST_OPERATIONS = new Set<string>(Object.values(iteratorTable).map(({ operationId }) => operationId));

/**
 * The SDK's hooks for the CLI: a count of list pages as they arrive, for the progress line, and
 * with --debug a line on stderr per request, per retry and per final answer. The SDK retries
 * below the hooks' `request` and `response`, so a page that needed retries still counts once.
 */
function sessionHooks(debug: boolean | undefined, warn: (line: string) => void): { hooks: KalshiHooks; pages(): number } {
  let pages = 0;
  const hooks: KalshiHooks = {
    response({ operationId, status }) {
      if (status >= 200 && status < 300 && LIST_OPERATIONS.has(operationId)) pages++;
    },
  };
  if (debug) {
    hooks.request = ({ method, url }) => warn(`debug: ${method} ${url}`);
    const counted = hooks.response!;
    hooks.response = (event) => {
      counted(event);
      warn(`debug: HTTP ${event.status} for ${event.method} ${event.path} after ${Math.round(event.durationMs)} ms`);
    };
    hooks.retry = (e) => warn(`debug: retry ${e.attempt + 1} of ${e.method} ${e.path} in ${e.delayMs} ms (${e.status ? `HTTP ${e.status}` : String(e.error)})`);
  }
  return { hooks, pages: () => pages };
}

/** The global options, and how the user gave the key file (for messages). */
export interface ConnectOptions extends GlobalOptions {
  /** `KALSHI_PRIVATE_KEY_PATH` or `--key-file`: where `keyFile` came from. */
  keyFileFrom?: string;
}

export async function connect(options: ConnectOptions, warn: (line: string) => void, extras: FakeExtras = {}): Promise<CliSession> {
  const { hooks, pages } = sessionHooks(options.debug, warn);
  if (options.fake) {
    // Loaded only when asked for: real use never pulls the fake in.
    const { startFakeKalshi } = await import('../testing/index.js');
    const fake = await startFakeKalshi({
      seed: options.fakeSeed,
      ...(options.fakeFills !== undefined ? { fills: options.fakeFills } : {}),
      faults: {
        latencyMs: options.fakeLatencyMs ?? 0,
        ...(extras.streamDropEveryMs ? { streamDropEveryMs: extras.streamDropEveryMs } : {}),
      },
      ...(options.fakeForbidden ? { forbidden: options.fakeForbidden } : {}),
      ...(extras.fillsPerSecond ? { activity: { fillsPerSecond: extras.fillsPerSecond } } : {}),
    });
    try {
      const client = await createKalshiClient({
        keyId: fake.keyId,
        privateKey: fake.privateKeyPem,
        baseUrl: fake.baseUrl,
        transport: CLI_TRANSPORT,
        hooks,
      });
      return { client, now: fake.data.now, pages, close: () => fake.close() };
    } catch (error) {
      await fake.close();
      throw error;
    }
  }

  const missing = [
    options.keyId ? undefined : 'the API key id: set KALSHI_API_KEY_ID or pass --key-id',
    options.keyFile ? undefined : 'the private key file: set KALSHI_PRIVATE_KEY_PATH or pass --key-file',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`missing credentials: ${missing.join('; ')} (or try --fake for sample data)`);
  }
  const keyFileFrom = options.keyFileFrom ?? '--key-file / KALSHI_PRIVATE_KEY_PATH';
  const privateKey = readKeyFile(options.keyFile!, keyFileFrom, warn);
  try {
    const client = await createKalshiClient({
      keyId: options.keyId!,
      privateKey,
      environment: options.env,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      transport: CLI_TRANSPORT,
      hooks,
    });
    return { client, now: Date.now(), pages, close: async () => {} };
  } catch (error) {
    // The SDK names its option; the user knows the file.
    if (error instanceof KalshiConfigError && error.message.startsWith('privateKey')) {
      throw new KalshiConfigError(`the key file ${shownPath(options.keyFile!)}${error.message.slice('privateKey'.length)}`);
    }
    throw error;
  }
}

/**
 * Reads the PEM file, warning (as ssh does) when group or others may read it. `from` names where
 * the path came from, for messages.
 */
function readKeyFile(path: string, from: string, warn: (line: string) => void): string {
  // The key itself pasted where its path belongs: messages quote the path, so say so without it.
  if (holdsKey(path)) {
    const fix = from.startsWith('--') ? `pass that file's path to ${from}` : `set ${from} to that file's path`;
    throw new UsageError(`${from} seems to hold a private key rather than a path: save the key in a file, chmod 600 it, and ${fix}`);
  }
  try {
    const { mode } = statSync(path);
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(4, '0');
      warn(`warning: permissions ${octal} for '${path}' are too open; run chmod 600 ${path}`);
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? describeCode(String(error.code)) : String(error);
    throw new UsageError(`cannot read the private key file ${shownPath(path)} (${from}): ${reason}`);
  }
}

/**
 * PEM armour or line breaks (no path has them), or a long run of base64 alone (a key's body
 * pasted without its armour: no real path is hundreds of characters with no '.', '-' or '_').
 */
function holdsKey(value: string): boolean {
  return /-----BEGIN|[\r\n]/.test(value) || (value.length >= 200 && /^[A-Za-z0-9+/=]+$/.test(value));
}

/** Longest path quoted in a message; a longer value is described, not shown (it may be a secret). */
const PATH_LIMIT = 255;

function shownPath(path: string): string {
  return path.length <= PATH_LIMIT ? `'${path}'` : `(a value of ${path.length} characters, not shown)`;
}

function describeCode(code: string): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return code;
}
