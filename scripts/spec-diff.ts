/**
 * `npm run spec:diff -- <git-ref> [--allow-breaking]`: what the working spec changes relative to
 * the spec at <git-ref>, classified by api-smart-diff (breaking, deprecated, non-breaking,
 * annotation, unclassified). Exits 1 on any breaking change unless --allow-breaking is given,
 * 2 on bad usage.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEVERITIES, specChanges } from './lib/spec-changes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The spec/ folder as it was at `ref`, bundled into one document by Redocly. */
function bundledAt(ref: string | undefined): object {
  const redocly = join(root, 'node_modules', '.bin', 'redocly');
  const work = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  try {
    let specDir = join(root, 'spec');
    if (ref !== undefined) {
      const archive = execFileSync('git', ['archive', ref, 'spec'], { cwd: root, maxBuffer: 64 << 20 });
      execFileSync('tar', ['-x', '-C', work], { input: archive });
      specDir = join(work, 'spec');
    }
    const out = join(work, 'bundled.json');
    execFileSync(redocly, ['bundle', join(specDir, 'openapi.yaml'), '--output', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    return JSON.parse(readFileSync(out, 'utf8')) as object;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const allowBreaking = argv.includes('--allow-breaking');
  const refs = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--allow-breaking');
  if (refs.length !== 1 || unknown.length > 0) {
    console.error('usage: npm run spec:diff -- <git-ref> [--allow-breaking]   (e.g. main, HEAD~1, v0.1.0)');
    return 2;
  }
  const ref = refs[0]!;
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    console.error(`spec:diff: ${JSON.stringify(ref)} is not a commit in this repository`);
    return 2;
  }
  const changes = specChanges(bundledAt(ref), bundledAt(undefined));
  if (changes.length === 0) {
    console.log(`spec:diff: the spec is unchanged since ${ref}`);
    return 0;
  }
  for (const severity of SEVERITIES) {
    const group = changes.filter((c) => c.type === severity);
    if (group.length === 0) continue;
    console.log(`\n${severity.toUpperCase()} (${group.length})`);
    for (const change of group) console.log(`  ${change.description}\n      at ${change.path}`);
  }
  const breaking = changes.filter((c) => c.type === 'breaking').length;
  console.log(`\nspec:diff: ${changes.length} change(s) since ${ref}, ${breaking} breaking`);
  if (breaking > 0 && !allowBreaking) {
    console.error('spec:diff: breaking changes: publish them as a new major version, or pass --allow-breaking if that is the plan');
    return 1;
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
