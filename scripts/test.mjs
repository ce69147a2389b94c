// `npm test`: build, bundle check, type-check, lint, unit tests (vitest), then end-to-end tests (Playwright) when there
// are any. Ends with one line `tests: N passed, N failed, N skipped` over all of them, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import checkNode from './check-node.cjs';

checkNode.requireNode('npm test');

const root = join(import.meta.dirname, '..');
const reports = mkdtempSync(join(tmpdir(), 'dl-lab-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) ok = false;
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  return true;
}

const built = run('build', 'npm', ['run', '--silent', 'build']);
if (built) run('bundle check', 'npm', ['run', '--silent', 'check:bundle']);
if (built) run('type-check', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
if (built) {
  const file = join(reports, 'vitest.json');
  run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!countVitest(file)) totals.failed += 1;
}
const hasE2e = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (built && hasE2e) {
  const file = join(reports, 'playwright.json');
  run('end-to-end tests', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  if (!countPlaywright(file)) totals.failed += 1;
}
if (!ok && totals.failed === 0) totals.failed = 1; // a failed build or type-check counts as a failure
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
