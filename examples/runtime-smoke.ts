/**
 * One small program, run unchanged on every runtime the SDK supports (test/runtimes/runtimes.test.ts
 * runs it against the fake Kalshi under Node 20, 22 and 24, Bun, Deno and headless Chromium): create a client
 * (importing the PKCS#1 key into WebCrypto), read the balance, walk every page of fills.
 *
 * From a terminal (Node needs a TypeScript loader; Bun and Deno run it as it is):
 *
 *   KALSHI_PRIVATE_KEY_PEM="$(cat key.pem)" node --import tsx examples/runtime-smoke.ts --base-url URL --key-id ID
 *   KALSHI_PRIVATE_KEY_PEM="$(cat key.pem)" bun examples/runtime-smoke.ts --base-url URL --key-id ID
 *   KALSHI_PRIVATE_KEY_PEM="$(cat key.pem)" deno run --allow-net --allow-env examples/runtime-smoke.ts --base-url URL --key-id ID
 *
 * Every setting can come from argv (`--base-url`, `--key-id`, `--page-size`) or the environment
 * (KALSHI_BASE_URL, KALSHI_API_KEY_ID, KALSHI_PAGE_SIZE); the private key only from the environment
 * (KALSHI_PRIVATE_KEY_PEM), so it never shows in a process list. It prints one line of JSON:
 * `{ "runtime", "version", "balance_dollars", "fills", "firstFillId" }`. In a browser, import `runSmoke` and
 * call it with the settings.
 *
 * Only web-standard APIs here (no `node:` imports): the same file is bundled for the browser.
 */
import { createKalshiClient } from 'kalshi-portfolio';

export interface SmokeOptions {
  baseUrl: string;
  keyId: string;
  /** PEM, PKCS#1 ("BEGIN RSA PRIVATE KEY", as Kalshi issues it) or PKCS#8. */
  privateKeyPem: string;
  /** Fills per page (default 7): small, so that the walk crosses several cursors. */
  pageSize?: number;
}

export interface SmokeSummary {
  runtime: RuntimeName;
  /** The runtime's own version (see `runtimeVersion`). */
  version: string | null;
  balance_dollars: string;
  fills: number;
  firstFillId: string | null;
}

export type RuntimeName = 'node' | 'bun' | 'deno' | 'browser' | 'unknown';

interface DenoGlobal {
  args: string[];
  env: { get(name: string): string | undefined };
  version: { deno: string };
}
interface ProcessGlobal {
  argv: string[];
  env: Record<string, string | undefined>;
  version?: string;
  versions?: { node?: string };
}

const runtimeGlobals = globalThis as { Deno?: DenoGlobal; Bun?: { version: string }; process?: ProcessGlobal; document?: unknown };

/** Which runtime this is. Deno and Bun also define `process`, so they are asked first. */
export function detectRuntime(): RuntimeName {
  if (runtimeGlobals.Deno !== undefined) return 'deno';
  if (runtimeGlobals.Bun !== undefined) return 'bun';
  if (runtimeGlobals.process?.versions?.node !== undefined) return 'node';
  if (runtimeGlobals.document !== undefined) return 'browser';
  return 'unknown';
}

/**
 * The version of the runtime this is: `process.version` on Node ("v24.1.0"), `Bun.version`,
 * `Deno.version.deno`; null in a browser (its user agent says).
 */
export function runtimeVersion(): string | null {
  switch (detectRuntime()) {
    case 'deno':
      return runtimeGlobals.Deno!.version.deno;
    case 'bun':
      return runtimeGlobals.Bun!.version;
    case 'node':
      return runtimeGlobals.process!.version ?? null;
    default:
      return null;
  }
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeSummary> {
  const client = await createKalshiClient({
    keyId: options.keyId,
    privateKey: options.privateKeyPem,
    baseUrl: options.baseUrl,
    retry: false, // a smoke test should see the first failure, not a retried one
  });
  const { balance_dollars } = await client.getBalance();
  let fills = 0;
  let firstFillId: string | null = null;
  for await (const fill of client.fills({ limit: options.pageSize ?? 7 })) {
    if (fills === 0) firstFillId = fill.fill_id;
    fills += 1;
  }
  return { runtime: detectRuntime(), version: runtimeVersion(), balance_dollars, fills, firstFillId };
}

/** Settings from argv and the environment of Node, Bun or Deno. */
export function optionsFromCommandLine(): SmokeOptions {
  const { Deno, process } = runtimeGlobals;
  const args = Deno ? Deno.args : (process?.argv.slice(2) ?? []);
  const env = (name: string): string | undefined => (Deno ? Deno.env.get(name) : process?.env[name]);
  const flag = (name: string): string | undefined => {
    const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (at === -1) return undefined;
    const arg = args[at]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1];
  };
  const required = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new Error(`runtime-smoke: missing ${what}`);
    return value;
  };
  const pageSize = flag('page-size') ?? env('KALSHI_PAGE_SIZE');
  return {
    baseUrl: required(flag('base-url') ?? env('KALSHI_BASE_URL'), '--base-url (or KALSHI_BASE_URL)'),
    keyId: required(flag('key-id') ?? env('KALSHI_API_KEY_ID'), '--key-id (or KALSHI_API_KEY_ID)'),
    privateKeyPem: required(env('KALSHI_PRIVATE_KEY_PEM'), 'the private key in KALSHI_PRIVATE_KEY_PEM'),
    ...(pageSize === undefined ? {} : { pageSize: Number(pageSize) }),
  };
}

/** True when the module whose `import.meta` this is is the program being run (not imported, not bundled into a page). */
export function isMainModule(moduleMeta: ImportMeta): boolean {
  const meta = moduleMeta as ImportMeta & { main?: boolean };
  if (typeof meta.main === 'boolean') return meta.main; // Bun, Deno
  const script = runtimeGlobals.process?.argv[1]; // Node 20 has no import.meta.main
  if (script === undefined || !meta.url.startsWith('file:')) return false;
  return decodeURIComponent(new URL(meta.url).pathname) === script;
}

if (isMainModule(import.meta)) {
  console.log(JSON.stringify(await runSmoke(optionsFromCommandLine())));
}
