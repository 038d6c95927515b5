/**
 * Runs the built CLI (dist/src/cli/index.js) as a subprocess, the way a user runs it: no
 * KALSHI_* variables, no NO_COLOR, stdout and stderr piped (so not a TTY).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startFakeKalshi, type FakeDataset, type FakeKalshi, type FakeKalshiOptions } from '../../src/testing/index.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/index.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before these tests`);
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a user without credentials has. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('KALSHI_') || name === 'NO_COLOR') continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function run(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number; uid?: number; gid?: number } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: cleanEnv(options.env), cwd: options.cwd, timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, uid: options.uid, gid: options.gid },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** Starts the CLI without waiting for it, for tests that signal it mid-way. */
export function start(args: string[], options: { cwd?: string } = {}): { child: ChildProcess; done: Promise<Run>; stderr(): string } {
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

export function tempDir(): { path: string; files(): string[]; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'kalshi-cli-'));
  return { path, files: () => readdirSync(path).sort(), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

/** Lines of a table between its header and its total line. */
export function bodyLines(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.slice(1, -1);
}

/** The seed and size the read tests run `--fake` with. */
const SEED = 11;
const FILLS = 300;
export const FAKE_ARGS = ['--fake', '--fake-seed', String(SEED), '--fake-fills', String(FILLS)];

/** A fake Kalshi in the test's own process, and the CLI flags that point a run at it as a real account. */
export interface SharedFake {
  readonly fake: FakeKalshi;
  readonly data: FakeDataset;
  /** `--base-url … --key-id … --key-file …`: the CLI connects to this fake as to Kalshi. */
  readonly args: string[];
}

/**
 * One fake for every CLI run of a test file (registers the file's beforeAll/afterAll). Each
 * `--fake` run starts a fake of its own inside the CLI, which issues an RSA key and seeds its
 * dataset (about a second of CPU): pointing the runs at one shared fake, as a user points the CLI
 * at Kalshi with a key file, costs that once per file. Its key file is 0600, so the CLI does not
 * warn about it. Tests of `--fake` itself, and of what depends on the fake's clock ("now"), run
 * with FAKE_ARGS instead.
 */
export function sharedFake(options: FakeKalshiOptions): SharedFake {
  const holder = {} as { fake: FakeKalshi; data: FakeDataset; args: string[] };
  let dir: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    assertBuilt();
    holder.fake = await startFakeKalshi(options);
    holder.data = holder.fake.data;
    dir = tempDir();
    const keyFile = join(dir.path, 'key.pem');
    writeFileSync(keyFile, holder.fake.privateKeyPem, { mode: 0o600 });
    holder.args = ['--base-url', holder.fake.baseUrl, '--key-id', holder.fake.keyId, '--key-file', keyFile];
  });
  afterAll(async () => {
    await holder.fake?.close();
    dir?.remove();
  });
  return holder;
}

/**
 * The fake `--fake` (FAKE_ARGS) serves, started in the test's own process: its dataset to check
 * the CLI's output against, and `args` to run the CLI against it without a fake of its own.
 */
export function fakeDataLikeCli(): SharedFake {
  return sharedFake({ seed: SEED, fills: FILLS });
}
