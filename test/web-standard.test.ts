import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
/** Node-only entry points: the fake server (and, later, the CLI). Everything else must run on any runtime. */
const NODE_ONLY = [join(root, 'src', 'testing'), join(root, 'src', 'cli')];
/** Reading `process.versions` to tell Node from Bun, Deno and browsers is feature detection, not a dependency. */
const FEATURE_DETECTION = new Set(['src/node-transport.ts: process.versions']);

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (NODE_ONLY.includes(path)) return [];
    if (entry.isDirectory()) return coreFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the core is web-standard', () => {
  it('no file of src/ outside the Node-only entry points imports a node: module or a Node global', () => {
    const files = [...coreFiles(join(root, 'src')), ...coreFiles(join(root, 'generated'))];
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const hits = [
        ...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](node:[^'"]+|fs|path|crypto|http|https|util|os|buffer|stream|child_process)['"]/g),
        ...text.matchAll(/\b(process\.\w+|Buffer\.\w+|__dirname|__filename)\b/g),
      ];
      return hits.map((m) => `${relative(root, file)}: ${m[0]}`).filter((hit) => !FEATURE_DETECTION.has(hit));
    });
    expect(offenders).toEqual([]);
  });
});
