// The Node.js this project needs, checked first by every entry point (npm install's preinstall,
// scripts/run-ts.mjs for the lab, the web host and the benches, and start/dev/test), so that an
// old Node gets one line that says what to do — not `bad option: --experimental-strip-types`, or a
// segfault of better-sqlite3 later. CommonJS and ES5-safe, so that any Node can run it.
var MIN_MAJOR = 22;
var MIN_MINOR = 12;

/** The command the user ran, as npm tells its scripts (`npm install`, `npm run web`, `npm test`…). */
function commandName(env) {
  var event = env.npm_lifecycle_event;
  if (!event) return null;
  // An install on an old Node has already built native modules for it: `npm ci` starts clean.
  if (event === 'preinstall' || event === 'install' || event === 'postinstall') return 'npm ci';
  if (event === 'start' || event === 'test') return 'npm ' + event;
  return 'npm run ' + event;
}

/** One line saying which Node is needed and how to get it, or null when `version` will do. */
function nodeProblem(version, command) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = Number(parts[0]);
  var minor = Number(parts[1]);
  if (major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR)) return null;
  return (
    'DL Lab needs Node.js >= ' +
    MIN_MAJOR +
    '.' +
    MIN_MINOR +
    ' (this is ' +
    version +
    '): run `source scripts/use-node.sh` ' +
    '(it puts Node 24 first on PATH), then `' +
    (command || 'the same command') +
    '` again.'
  );
}

/** Exits with that line when this Node is too old. */
function requireNode(command) {
  var problem = nodeProblem(process.version, command || commandName(process.env));
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

module.exports = { nodeProblem: nodeProblem, commandName: commandName, requireNode: requireNode };

if (require.main === module) requireNode();
