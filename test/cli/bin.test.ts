/** The built command is runnable as itself, the way npm links it (`npx kalshi-portfolio`), after every build. */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { CLI, assertBuilt, cleanEnv } from '../support/cli.js';

it('the build writes the CLI with its execute bit, and package.json\'s bin names that file', async () => {
  assertBuilt();
  const { bin, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string>; version: string };
  expect(fileURLToPath(new URL(`../../${bin['kalshi-portfolio']}`, import.meta.url))).toBe(CLI);
  expect(statSync(CLI).mode & 0o111).toBe(0o111);
  // Run as a program (its #! line), not through `node file`: what failed with "Permission denied".
  const { stdout } = await promisify(execFile)(CLI, ['--version'], { env: cleanEnv() });
  expect(stdout.trim()).toBe(version);
});
