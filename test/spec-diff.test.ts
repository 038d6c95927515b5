import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specChanges } from '../scripts/lib/spec-changes.js';

const spec = JSON.parse(readFileSync(new URL('../generated/openapi.json', import.meta.url), 'utf8'));

function changed(edit: (s: any) => void) {
  const after = structuredClone(spec);
  edit(after);
  return specChanges(spec, after);
}

const types = (changes: ReturnType<typeof specChanges>) => [...new Set(changes.map((c) => c.type))];

describe('spec:diff classifies changes', () => {
  it('an identical spec has no changes', () => {
    expect(specChanges(spec, structuredClone(spec))).toEqual([]);
  });

  it('removing an operation is breaking', () => {
    const changes = changed((s) => delete s.paths['/portfolio/deposits']);
    expect(types(changes)).toEqual(['breaking']);
    expect(changes[0]!.description).toMatch(/GET \/portfolio\/deposits/);
  });

  it('a response field no longer guaranteed is breaking', () => {
    const changes = changed((s) => {
      s.components.schemas.Fill.required = s.components.schemas.Fill.required.filter((f: string) => f !== 'fee_cost');
    });
    expect(types(changes)).toContain('breaking');
  });

  it('a new required request field is breaking', () => {
    const changes = changed((s) => {
      const body = s.components.schemas.UpdateSubaccountNettingRequest;
      body.properties.reason = { type: 'string' };
      body.required = [...body.required, 'reason'];
    });
    expect(types(changes)).toContain('breaking');
  });

  it('a new optional query parameter and a new operation are not breaking', () => {
    const changes = changed((s) => {
      s.paths['/portfolio/balance'].get.parameters.push({ name: 'currency', in: 'query', required: false, schema: { type: 'string' } });
      s.paths['/portfolio/example'] = { get: { ...s.paths['/portfolio/balance'].get, operationId: 'getExample' } };
    });
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(types(changes)).toEqual(['non-breaking']);
  });

  it('a description edit is an annotation', () => {
    expect(types(changed((s) => (s.paths['/portfolio/balance'].get.description = 'Reworded.')))).toEqual(['annotation']);
  });
});

describe('npm run spec:diff', () => {
  const run = (...args: string[]) => {
    try {
      return { status: 0, out: execFileSync(process.execPath, ['--import', 'tsx', 'scripts/spec-diff.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, out: e.stdout + e.stderr };
    }
  };

  it('reports an unchanged spec against HEAD and exits 0', () => {
    const { status, out } = run('HEAD');
    expect(out).toMatch(/unchanged since HEAD|change\(s\) since HEAD, 0 breaking/);
    expect(status).toBe(0);
  });

  it('exits 2 on a ref that does not exist', () => {
    expect(run('no-such-ref-anywhere').status).toBe(2);
  });
});
