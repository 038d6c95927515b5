/**
 * Prints where this runtime resolves `kalshi-portfolio` from, run with the same command line as
 * examples/runtime-smoke.ts: proves each runtime exercises the built package (dist/), not src/
 * through tsconfig's `paths` (which tsx, Bun and esbuild would otherwise honour).
 */
console.log(import.meta.resolve('kalshi-portfolio'));
