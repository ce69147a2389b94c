// A second process that reads the database as fast as it can while others train into it: opens the
// lab (read-write, as `lab jobs` does: that open also looks for orphaned jobs, a write), lists the
// jobs, reads the newest in full, closes — over and over until SIGTERM. Prints `reads N` on exit.
//   node reader-loop.ts <db file>
import { writeSync } from 'node:fs';
import { LabService } from '../lab-service.ts';

const file = process.argv[2];
let reads = 0;
let stop = false;
process.on('SIGTERM', () => (stop = true));
while (!stop) {
  const lab = new LabService({ dbPath: file, workers: 1 });
  const [newest] = lab.listJobs({ limit: 20 });
  if (newest) lab.getJob(newest.id);
  await lab.close();
  reads++;
  await new Promise((resolve) => setImmediate(resolve)); // let SIGTERM in
}
writeSync(1, `reads ${reads}\n`);
