// Serves the built harness with the REAL lab service (web-host.ts: workers, SQLite, CSP header, SSE):
//   node src-renderer/charts/dev/host.mjs [port] [db]
import { startWebHost } from '../../../src-main/web-host.ts';

const host = await startWebHost({
  port: Number(process.argv[2] ?? 5198),
  dbPath: process.argv[3] ?? '/tmp/charts-dev.sqlite',
  workers: 2,
  rendererDir: process.env.CHARTS_DEV_OUT ?? '/tmp/charts-harness/dist',
});
console.log(`charts harness ${host.url}`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
