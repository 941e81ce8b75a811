/** A CLI worker thread: loads the analyzer once, then lints the files it is sent. */
import { parentPort } from 'node:worker_threads';
import { getAnalyzer } from '../node/analyzer';
import { lintFile, type LintTask } from '../node/lint-file';

export interface WorkerRequest {
  readonly id: number;
  readonly task: LintTask;
}

export type WorkerResponse =
  | { readonly id: number; readonly report: ReturnType<typeof lintFile> }
  | { readonly id: number; readonly crash: string };

const port = parentPort;
if (port) {
  const ready = getAnalyzer();
  port.on('message', async (request: WorkerRequest) => {
    try {
      const analyzer = await ready;
      port.postMessage({ id: request.id, report: lintFile(analyzer, request.task) } satisfies WorkerResponse);
    } catch (e) {
      port.postMessage({ id: request.id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerResponse);
    }
  });
}
