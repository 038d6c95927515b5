/**
 * `npm run lint:spec`: Redocly's lint of spec/openapi.yaml (rules in redocly.yaml) and of
 * spec/asyncapi.yaml (rules in redocly.asyncapi.yaml), failing on any problem — errors and
 * warnings alike (Redocly itself exits 0 on warnings), and on problems in either config.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location?: Array<{ pointer?: string; source?: { ref?: string } }>;
}

/** Lints one document with its config; prints every problem and returns how many there were. */
function lint(document: string, config: string): number {
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'redocly'),
    ['lint', document, '--config', config, '--lint-config', 'error', '--format', 'json', '--max-problems', '1000'],
    { cwd: root, encoding: 'utf8' },
  );
  let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    process.stderr.write(run.stdout + run.stderr);
    console.error(`lint:spec: redocly produced no report for ${document} (exit ${run.status})`);
    return 1;
  }
  for (const problem of report.problems) {
    const where = problem.location?.[0];
    console.log(`${problem.severity.padEnd(7)} ${problem.ruleId}  ${where?.source?.ref ?? ''}${where?.pointer ?? ''}\n        ${problem.message}`);
  }
  const { errors, warnings } = report.totals;
  console.log(`lint:spec: ${document}: ${errors} error(s), ${warnings} warning(s)`);
  return errors + warnings + (run.status !== 0 ? 1 : 0);
}

const problems = lint('spec/openapi.yaml', 'redocly.yaml') + lint('spec/asyncapi.yaml', 'redocly.asyncapi.yaml');
process.exit(problems > 0 ? 1 : 0);
