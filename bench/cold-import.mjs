// Milliseconds to import one package in this fresh process (plain node, no loader): bench/index.ts.
const started = performance.now();
await import(process.argv[2]);
console.log((performance.now() - started).toFixed(2));
