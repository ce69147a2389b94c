// Every npm entry point goes through this launcher: `node scripts/run.cjs <task> [args…]`. It runs
// on any Node (CommonJS, ES5 syntax), checks the version first and says in one line which Node DL Lab
// needs and the command that provides it; then it runs the real command with this same Node.
'use strict';
var childProcess = require('child_process');
var path = require('path');

var NEED = { major: 22, minor: 12 };
var ROOT = path.join(__dirname, '..');
var STRIP = ['--experimental-strip-types', '--no-warnings'];

/** Each task: the steps it runs in order, as arguments to this Node. */
var TASKS = {
  start: [['scripts/start.mjs']],
  dev: [['scripts/dev.mjs']],
  web: [['scripts/web.mjs']],
  test: [['scripts/test.mjs']],
  build: [['scripts/build.mjs']],
  lab: [STRIP.concat(['src-main/cli/main.ts'])],
  bench: [['scripts/build-wasm.mjs'], STRIP.concat(['src-main/lab/bench/bench.ts'])],
  'bench:store': [['scripts/build-wasm.mjs'], STRIP.concat(['src-main/lab/bench/store-writes.ts'])],
};

/** The one-line refusal for this Node version, or null when it is new enough. */
function nodeProblem(version, task) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = Number(parts[0]);
  var minor = Number(parts[1]);
  if (major > NEED.major || (major === NEED.major && minor >= NEED.minor)) return null;
  var again = task === 'install' ? 'npm install' : 'npm run ' + task;
  if (task === 'start' || task === 'test') again = 'npm ' + task;
  return (
    'DL Lab needs Node.js >= ' +
    NEED.major +
    '.' +
    NEED.minor +
    ' (this shell has v' +
    parts.join('.') +
    '): ' +
    'run `source scripts/use-node.sh` (it puts Node 24 first on PATH), then `' +
    again +
    '` again.'
  );
}

function main(argv) {
  var task = argv[0];
  var steps = TASKS[task];
  if (!steps) {
    console.error('scripts/run.cjs: unknown task ' + JSON.stringify(task) + ' (one of ' + Object.keys(TASKS).join(', ') + ')');
    return 2;
  }
  var problem = nodeProblem(process.versions.node, task);
  if (problem) {
    console.error(problem);
    return 1;
  }
  var extra = argv.slice(1);
  for (var i = 0; i < steps.length; i++) {
    var last = i === steps.length - 1;
    var result = childProcess.spawnSync(process.execPath, steps[i].concat(last ? extra : []), { cwd: ROOT, stdio: 'inherit' });
    if (result.error) {
      console.error('scripts/run.cjs: ' + result.error.message);
      return 1;
    }
    if (result.status !== 0) return result.status === null ? 1 : result.status;
  }
  return 0;
}

module.exports = { nodeProblem: nodeProblem, TASKS: TASKS, NEED: NEED };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
