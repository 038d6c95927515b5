/**
 * The layer rules of .dependency-cruiser.cjs hold for the real tree, and each one fails when
 * broken: a small tree that breaks exactly that rule is cruised with the same rules.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(baseDir: string, entries: string[]): Promise<string[]> {
  const result = await cruise(entries, {
    baseDir,
    ruleSet: { forbidden: config.forbidden ?? [] },
    validate: true,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway tree with these files (and the repo's node_modules), cruised from its src/. */
async function violationsOf(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-arch-'));
  scratch.push(dir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return violations(dir, ['src']);
}

describe('the layers of src/', () => {
  it('the real tree breaks no rule', async () => {
    expect(await violations(root, ['src', 'generated'])).toEqual([]);
  }, 60_000);

  it.each([
    ['no-cycles', { 'src/a.ts': "import { b } from './b.js';\nexport const a = b;", 'src/b.ts': "import { a } from './a.js';\nexport const b = () => a;" }],
    ['core-is-web-standard', { 'src/http/signer.ts': "import { createSign } from 'node:crypto';\nexport const s = createSign;" }],
    ['core-is-web-standard', { 'src/money.ts': "import { Buffer } from 'buffer';\nexport const m = Buffer;" }],
    ['core-does-not-import-undici', { 'src/http/transport/fetch.ts': "import { request } from 'undici';\nexport const f = request;" }],
    ['core-does-not-import-cli-or-fake', { 'src/client.ts': "import { f } from './testing/index.js';\nexport const c = f;", 'src/testing/index.ts': 'export const f = 1;' }],
    ['request-path-below-the-surface', { 'src/http/pipeline.ts': "import { c } from '../client.js';\nexport const p = c;", 'src/client.ts': 'export const c = 1;' }],
    ['add-ons-beside-the-request-path', { 'src/paging/paginate.ts': "import { s } from '../http/signer.js';\nexport const p = s;", 'src/http/signer.ts': 'export const s = 1;' }],
    ['stream-gets-the-client-through-its-deps', { 'src/stream/stream.ts': "import { c } from '../client.js';\nexport const s = c;", 'src/client.ts': 'export const c = 1;' }],
    ['cli-uses-the-public-api', { 'src/cli/index.ts': "import { k } from '../http/keys.js';\nexport const c = k;", 'src/http/keys.ts': 'export const k = 1;' }],
    ['fake-is-independent-of-the-client', { 'src/testing/server.ts': "import { p } from '../http/pipeline.js';\nexport const s = p;", 'src/http/pipeline.ts': 'export const p = 1;' }],
  ])('%s fails when broken', async (rule, files) => {
    const found = await violationsOf(files);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.startsWith(`${rule}:`))).toBe(true);
  });

  it('the Node-only entry points may use Node', async () => {
    expect(
      await violationsOf({
        'src/cli/index.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
        'src/testing/server.ts': "import { createServer } from 'node:http';\nexport const s = createServer;",
        'src/http/transport/undici.ts': "import { request } from 'undici';\nexport const u = request;",
      }),
    ).toEqual([]);
  });
});
