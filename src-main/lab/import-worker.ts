// Reads an import — runs in a worker thread of the host process, so that parsing and checking a
// large export file never holds the lab service, and with a memory cap of its own (resourceLimits),
// so that a huge or hostile file costs a bounded amount and fails with a message instead of taking
// the host down. Answers { ok: true, job } (the curves as Float32Arrays, transferred) or
// { ok: false, message }.
//   workerData: { text?: string; file?: string }
import { parentPort, workerData } from 'node:worker_threads';
import type { JobImport } from '../store/types.ts';
import { JobImportError, parseJobDocumentText, readJobDocument, readJobDocumentFileText } from './job-import.ts';

const { text, file } = workerData as { text?: string; file?: string };
try {
  const job: JobImport = readJobDocument(parseJobDocumentText(text ?? readJobDocumentFileText(file!)));
  const buffers = job.runs.flatMap((run) => run.curves.map((curve) => curve.points.buffer as ArrayBuffer));
  parentPort!.postMessage({ ok: true, job }, buffers);
} catch (error) {
  const message =
    error instanceof JobImportError
      ? error.message
      : `Cannot import: ${error instanceof Error ? error.message : String(error)}; nothing was imported.`;
  parentPort!.postMessage({ ok: false, message });
}
