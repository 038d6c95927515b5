/**
 * Runs the built CLI (dist/src/cli/index.js) as a subprocess, the way a user runs it: no
 * KALSHI_* variables, no NO_COLOR, stdout and stderr piped (so not a TTY).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startFakeKalshi, type FakeDataset, type FakeKalshi } from '../../src/testing/index.js';

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

/**
 * The dataset `--fake` (FAKE_ARGS) serves, generated again in the test's own process so the
 * CLI's output can be checked against it. Registers the file's beforeAll/afterAll.
 */
export function fakeDataLikeCli(): { readonly data: FakeDataset } {
  let fake: FakeKalshi | undefined;
  const holder = {} as { data: FakeDataset };
  beforeAll(async () => {
    assertBuilt();
    fake = await startFakeKalshi({ seed: SEED, fills: FILLS });
    holder.data = fake.data;
  });
  afterAll(() => fake?.close());
  return holder;
}
