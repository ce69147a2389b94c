// Runs before `npm install` (preinstall): refuse a Node older than 22.12 with the launcher's one-line
// message, instead of better-sqlite3 13 crashing later with a segfault. CommonJS and ES5-safe so any
// Node can run it. (.npmrc has no engine-strict: npm's own EBADENGINE would stop first, unexplained.)
var problem = require('./run.cjs').nodeProblem(process.versions.node, 'install');
if (problem) {
  console.error(problem);
  process.exit(1);
}
