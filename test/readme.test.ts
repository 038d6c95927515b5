import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

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
});
