// Runs before `npm install`: refuse a Node older than 22 with a clear message, instead of
// better-sqlite3 13 crashing later with a segfault. CommonJS and ES5-safe so any Node can run it.
var major = Number(process.versions.node.split('.')[0]);
var minor = Number(process.versions.node.split('.')[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    '\nDL Lab needs Node.js >= 22.12 (found ' +
      process.version +
      ').\n' +
      'Run `source scripts/use-node.sh` to put Node 24 first on PATH, then `npm install` again.\n',
  );
  process.exit(1);
}
