/** Spreads lint tasks over worker threads (one analyzer per worker), keeping results in input order. */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileReport, LintTask } from '../node/lint-file';
import type { WorkerResponse } from './worker';

/** Below this many files a worker's start-up (loading the grammar) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 24;

export function defaultJobs(fileCount: number): number {
  if (fileCount < MIN_FILES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), Math.ceil(fileCount / MIN_FILES_FOR_WORKERS)));
}

export async function lintInWorkers(tasks: readonly LintTask[], jobs: number, onCrash: (task: LintTask, error: string) => FileReport): Promise<FileReport[]> {
  const workerFile = path.join(__dirname, 'worker.js');
  const results: FileReport[] = new Array(tasks.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= tasks.length) {
          resolve();
          return;
        }
        const id = next++;
        worker.postMessage({ id, task: tasks[id] });
      };
      worker.on('message', (response: WorkerResponse) => {
        results[response.id] = 'report' in response ? response.report : onCrash(tasks[response.id]!, response.crash);
        send();
      });
      worker.on('error', reject);
      send();
    });
  const workers = Array.from({ length: jobs }, () => new Worker(workerFile));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
