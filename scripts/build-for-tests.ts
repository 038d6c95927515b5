/**
 * The JavaScript of `npm run build` without its type check or declarations, for `npm test`: the
 * tests that run the CLI as a user does need `dist/`, and tsc takes about 12 CPU seconds to make
 * it (half of the default run's two-minute budget spent before the first test on a 2-core
 * machine), esbuild about half a second. The same files come out at the same paths, transpiled one
 * by one (no bundling), so the CLI the tests spawn is the CLI users get. Types are checked by
 * `npm run typecheck`, and `.ci/run` builds with tsc and runs every test against that build.
 */
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = ['src', 'generated'].flatMap((dir) => typeScriptFiles(join(root, dir)));

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: sources,
  outbase: root,
  outdir: join(root, 'dist'),
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'es2022', // tsconfig.json's target
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
});
chmodSync(join(root, 'dist/src/cli/index.js'), 0o755);
console.log(`build-for-tests: ${sources.length} files transpiled into dist/`);

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}
