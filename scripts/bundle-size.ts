/**
 * `npm run size`: how many bytes a browser app pays for the SDK. Bundles a program that creates a
 * client and calls one operation (esbuild: browser, ESM, minified, code splitting so lazily loaded
 * parts such as the response validators stay out of the initial download), gzips each output
 * chunk, and fails when the initial load is over the budget.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// 15,000 B until the order writes (13 more operations in the table every client carries), the
// eagerly built client.api and the option-name suggestions took the first load to 16,940 B (Dec
// 2026). Raised with that measured, not to hide growth: bring it back down by loading client.api
// and the write operations' table entries lazily.
const BUDGET_BYTES = 17_500;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const program = `
import { createKalshiClient } from './src/index.ts';
const client = await createKalshiClient({ keyId: 'key-id', privateKey: globalThis.KALSHI_PEM });
console.log((await client.getBalance()).balance_dollars);
`;

const outdir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
try {
  const result = await build({
    stdin: { contents: program, resolveDir: root, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  // The first load is the app's chunk and whatever it imports statically; chunks reached only
  // through import() (esbuild makes those entry points of their own) load later, if ever.
  const initialFiles = new Set<string>();
  const visit = (file: string) => {
    if (initialFiles.has(file)) return;
    initialFiles.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  const app = Object.keys(outputs).find((file) => outputs[file]!.entryPoint === 'app.ts' || outputs[file]!.entryPoint === '<stdin>');
  if (!app) throw new Error(`no output for the app itself among ${Object.keys(outputs).join(', ')}`);
  visit(app);
  const chunks = Object.keys(outputs)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const bytes = readFileSync(join(root, file));
      return { file: relative(outdir, join(root, file)), initial: initialFiles.has(file), minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
    });

  const initial = chunks.filter((c) => c.initial).reduce((sum, c) => sum + c.gzipped, 0);
  for (const chunk of chunks.sort((a, b) => b.gzipped - a.gzipped)) {
    console.log(`${chunk.initial ? 'initial' : 'lazy   '}  ${String(chunk.minified).padStart(7)} B min  ${String(chunk.gzipped).padStart(6)} B gzip  ${chunk.file}`);
  }
  const contributions = new Map<string, number>();
  for (const file of initialFiles) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) contributions.set(input, (contributions.get(input) ?? 0) + bytesInOutput);
  }
  const biggest = [...contributions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.SIZE_PARTS ?? 8))
    .map(([input, bytes]) => `${input} ${(bytes / 1024).toFixed(1)} kB`)
    .join(', ');
  console.log(`largest parts of the first load (minified): ${biggest}`);
  console.log(`size: ${initial} B gzipped on first load (budget ${BUDGET_BYTES} B) for a browser app that creates a client and calls getBalance`);
  process.exitCode = initial <= BUDGET_BYTES ? 0 : 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
