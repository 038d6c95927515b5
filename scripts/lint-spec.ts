/**
 * `npm run lint:spec`: Redocly's lint of spec/openapi.yaml, failing on any problem — errors and
 * warnings alike (Redocly itself exits 0 on warnings), and on problems in redocly.yaml itself.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(
  join(root, 'node_modules', '.bin', 'redocly'),
  ['lint', 'spec/openapi.yaml', '--lint-config', 'error', '--format', 'json', '--max-problems', '1000'],
  { cwd: root, encoding: 'utf8' },
);

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location?: Array<{ pointer?: string; source?: { ref?: string } }>;
}
let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  console.error(`lint:spec: redocly produced no report (exit ${run.status})`);
  process.exit(1);
}

for (const problem of report.problems) {
  const where = problem.location?.[0];
  console.log(`${problem.severity.padEnd(7)} ${problem.ruleId}  ${where?.source?.ref ?? ''}${where?.pointer ?? ''}\n        ${problem.message}`);
}
const { errors, warnings } = report.totals;
console.log(`lint:spec: ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors + warnings > 0 || run.status !== 0 ? 1 : 0);
