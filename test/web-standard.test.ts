import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;
/**
 * Imports are dependency-cruiser's to check (test/architecture.test.ts); globals are invisible to
 * it, so they are checked here, on the same files: the Node-only entry points are the ones the
 * `core-is-web-standard` rule exempts.
 */
const nodeOnly = new RegExp(String(config.forbidden?.find((rule) => rule.name === 'core-is-web-standard')?.from.pathNot));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the core is web-standard', () => {
  it('no file of src/ or generated/ outside the Node-only entry points uses a Node global', () => {
    const files = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'generated'))]
      .map((file) => relative(root, file))
      .filter((file) => !nodeOnly.test(file));
    expect(files.length).toBeGreaterThan(5);
    expect(files.some((file) => file.startsWith('src/cli/') || file.startsWith('src/testing/'))).toBe(false);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      // A bare global is a dependency on Node; reading one off `globalThis` (typed, optional) is
      // feature detection, as src/http/runtime.ts does to tell Node from Bun and Deno.
      return [...text.matchAll(/(?<![.\w])(process\??\.\w+|Buffer\??\.\w+|__dirname|__filename|require\s*\()/g)].map((m) => `${file}: ${m[0]}`);
    });
    expect(offenders).toEqual([]);
  });
});
