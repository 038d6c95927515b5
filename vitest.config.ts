import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Tests the default run (`npm test`) leaves out: each needs more than Node and npm, or more time
 * than an edit-and-test loop has. `npm run test:all` (vitest.all.config.ts, run by CI) runs them.
 */
const EXTENDED_ONLY = [
  'test/**/*.slow.test.ts', // long soak and fault-mix runs
  'test/**/*.pg.test.ts', // PostgreSQL at KALSHI_TEST_PG_URL
  'test/runtimes/**', // Bun, Deno, Chromium and the Node 22/24 builds
  '**/*.browser.test.ts', // Chromium
];

/** The project's Vitest settings; `extended` runs the tests of EXTENDED_ONLY too. */
export function testConfig({ extended }: { extended: boolean }) {
  return defineConfig({
    resolve: {
      // Examples import the package by name, exactly as a user's project would.
      alias: {
        'kalshi-portfolio/testing': here('./src/testing/index.ts'),
        'kalshi-portfolio': here('./src/index.ts'),
      },
    },
    test: {
      // Worker threads start faster and cost less CPU than forked processes (about a sixth less for
      // the default run, measured); the extended run, with its process-level checks, keeps forks.
      pool: extended ? 'forks' : 'threads',
      // Vitest's default is one worker per core but one, so one worker on a 2-core machine: test
      // files then run one after another while most of them wait on CLI processes, sockets and
      // timers. Three overlap that waiting. The default run also shares modules between the files
      // of a worker (no isolation): each file imported the SDK and the fake afresh, 28 s of a serial
      // run. With both (and the esbuild pretest): 3 min 41 s → 88 s on a quiet 2-core machine. A
      // file must therefore leave no global state behind (docs/architecture.md, "The test runs").
      ...(extended ? {} : { maxWorkers: Math.max(3, availableParallelism() - 1), isolate: false }),
      include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...(extended ? [] : EXTENDED_ONLY)],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      // Unhandled rejections are bugs in an SDK: fail the run on any.
      dangerouslyIgnoreUnhandledErrors: false,
    },
  });
}

export default testConfig({ extended: false });
