// A third process: the web host on the shared database, driven over HTTP like the page drives it —
// it starts a job through the API and polls until the job ends. Prints `job <id> <status>`.
//   node web-host-job.ts <db file> <iterations>
import { writeSync } from 'node:fs';
import { startWebHost } from '../../web-host/main.ts';

const [file, iterations] = [process.argv[2], Number(process.argv[3])];
const host = await startWebHost({ port: 0, dbPath: file, workers: 1 });
const call = async (method: string, ...args: unknown[]): Promise<unknown> => {
  const response = await fetch(new URL(`/api/${method}`, host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dl-lab-key': host.key },
    body: JSON.stringify(args),
  });
  if (!response.ok) throw new Error(`${method}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { value: unknown }).value;
};
const started = (await call('startJob', {
  experiment: 'optimizer-compare',
  params: { optimizers: ['SGD', 'Adam'], iterations, hiddenSizes: [20], batchSize: 16 },
  seed: 3,
})) as { ok: boolean; jobId: number };
if (!started.ok) throw new Error(`startJob refused: ${JSON.stringify(started)}`);
let status = 'running';
while (status === 'running' || status === 'queued') {
  await new Promise((resolve) => setTimeout(resolve, 200));
  status = ((await call('getJob', started.jobId)) as { status: string }).status;
}
writeSync(1, `job ${started.jobId} ${status}\n`);
await host.close();
