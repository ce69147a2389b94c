// `npm run audit:electron`: Electronegativity (the npm package @doyensec/electronegativity) over
// the Electron code and the built page. The tool runs on Node 20 (its parser stack predates newer
// Node), so it is started with a Node 20 found on PATH (this machine's system Node), or says how to
// get one. Findings that need a human's review and have had one are listed with the reason, in
// the code beside them; any other high or medium finding fails the audit.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const PACKAGE = '@doyensec/electronegativity@1.10.3';
/** Reviewed findings: the check, and where the review is written. */
const REVIEWED = {
  PRELOAD_JS_CHECK: 'our own bundled preload exposes only the api.ts methods (src-main/electron/main.ts, webPreferences.preload)',
  OPEN_EXTERNAL_JS_CHECK: 'only https links to an allowlist of documentation hosts (src-main/electron/main.ts, EXTERNAL_HOSTS)',
};

const page = join(root, 'out/renderer/index.html');
if (!existsSync(page)) {
  console.error('audit:electron: build first (`npm run build`): the built page carries the CSP meta tag the audit looks for');
  process.exit(2);
}

function node20() {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (/^v20\./.test(version)) return candidate;
  }
  return existsSync('/usr/bin/node') && /^v20\./.test(spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).stdout)
    ? '/usr/bin/node'
    : null;
}

const node = node20();
if (!node) {
  console.error(
    'audit:electron: Electronegativity needs Node 20; put one on PATH (e.g. `npx -p node@20 …` or a system Node 20) and run again',
  );
  process.exit(2);
}

// What the app runs in Electron: its main-process and preload sources and the page.
const input = mkdtempSync(join(tmpdir(), 'dl-lab-audit-'));
for (const file of readdirSync(join(root, 'src-main/electron'))) {
  if (file.endsWith('.ts') && !file.endsWith('.test.ts')) copyFileSync(join(root, 'src-main/electron', file), join(input, file));
}
copyFileSync(page, join(input, 'index.html'));
const report = join(input, 'report.csv');
const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const npx = join(dirname(node), 'npx');
const run = spawnSync(
  existsSync(npx) ? npx : 'npx',
  ['--yes', PACKAGE, '-i', input, '-o', report, '-r', '-v', 'false', '-e', electron, '-x', 'availablesecurityfixesglobalcheck'],
  {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
  },
);
if (!existsSync(report)) {
  console.error(`audit:electron: Electronegativity did not run:\n${run.stderr || run.stdout}`);
  process.exit(2);
}
const rows = parseCsv(readFileSync(report, 'utf8'));
rmSync(input, { recursive: true, force: true });
let failing = 0;
console.log(`Electronegativity ${PACKAGE.split('@').pop()} on src-main/electron and the built page (Electron ${electron}):`);
for (const { issue, severity, confidence, filename, location } of rows) {
  const reviewed = REVIEWED[issue];
  const serious = /HIGH|MEDIUM/i.test(severity);
  if (!reviewed && serious) failing++;
  const mark = reviewed ? 'reviewed' : serious ? 'FINDING ' : 'info    ';
  console.log(`  ${mark}  ${issue} ${severity}/${confidence} ${filename}:${location}${reviewed ? ` — ${reviewed}` : ''}`);
}
if (rows.length === 0) console.log('  no findings');
console.log(
  failing === 0
    ? 'audit:electron: 0 high, 0 medium findings beyond the reviewed ones'
    : `audit:electron: ${failing} high or medium finding(s)`,
);
process.exit(failing === 0 ? 0 : 1);

/** The report as objects keyed by its header (`issue, severity, …`); quoted cells may hold commas, quotes and newlines. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (record.some((v) => v.trim() !== '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') endRecord();
    else if (c !== '\r') cell += c;
  }
  endRecord();
  const [header = [], ...data] = records;
  const keys = header.map((k) => k.trim().toLowerCase());
  return data.map((cells) => Object.fromEntries(keys.map((k, j) => [k, (cells[j] ?? '').trim()])));
}
