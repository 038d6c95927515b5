import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, exactly as a user's project would.
    alias: {
      'kalshi-portfolio/testing': here('./src/testing/index.ts'),
      'kalshi-portfolio': here('./src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Unhandled rejections are bugs in an SDK: fail the run on any.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
