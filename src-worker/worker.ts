// Worker thread entry (replaced by the full run protocol in the lab-service issue).
import { parentPort } from 'node:worker_threads';
import { createKernels } from './engine/kernels/create-kernels.ts';

parentPort?.postMessage({ type: 'ready', kernel: createKernels().kind });
