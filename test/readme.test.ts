import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const docs = readdirSync(new URL('../docs/', import.meta.url)).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);

describe('README', () => {
  const readme = read('README.md');

  it.each(['examples/open-positions.ts', 'examples/open-positions.test.ts'])('shows %s as it is (and so as it is tested)', (path) => {
    expect(readme).toContain(read(path).trimEnd());
  });

  it('keeps the two newcomer commands, and package.json backs them', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test$/m);
    const { scripts } = JSON.parse(read('package.json'));
    expect(scripts.demo).toBeTruthy();
    expect(scripts.test).toBeTruthy();
  });

  it('leads with what a user gets: orders, the stream and the command line, before any setup', () => {
    const intro = readme.slice(0, readme.indexOf('\n## '));
    for (const feature of [/orders/, /stream/i, /command line/]) expect(intro).toMatch(feature);
  });

  it('its first example walks the complete fill history (allFills), not the live page alone', () => {
    const firstExample = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(firstExample).toMatch(/client\.allFills\(/);
    expect(firstExample).not.toMatch(/client\.fills\(/);
  });

  it.each(['README.md', ...docs])('%s: every `npm run <script>` it names exists in package.json', (path) => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const named = [...read(path).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });

  it.each(['README.md', ...docs])('%s: every link to a file of the repository leads to one', (path) => {
    const base = new URL(`../${path}`, import.meta.url);
    const targets = [...read(path).matchAll(/\]\(((?!https?:|#)[^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(targets.filter((target) => !existsSync(new URL(target, base)))).toEqual([]);
  });

  it('says what `npm test` needs and what `npm run test:all` adds', () => {
    expect(readme).toMatch(/`npm test` needs Node \(20\.18\.1 or later\) and npm, nothing else/);
    expect(readme).toMatch(/`npm run test:all` runs everything[\s\S]*Chromium[\s\S]*370 MB/);
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    // The default run downloads nothing: no setup step before it.
    expect(scripts['pretest']).not.toMatch(/setup/);
    expect(scripts['pretest:all']).toMatch(/setup:test-all/);
  });
});
