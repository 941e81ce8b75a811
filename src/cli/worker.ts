/** A CLI worker thread: starts the analyzer once (on the main thread's compiled WebAssembly), then lints the batches it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { getAnalyzer, type CompiledWasm } from '../node/analyzer';
import { lintFile, type FileReport, type LintTask } from '../node/lint-file';

export interface WorkerData {
  readonly wasm: CompiledWasm;
}

export interface WorkerRequest {
  readonly batch: readonly { readonly id: number; readonly task: LintTask }[];
}

export type WorkerResult = { readonly id: number; readonly report: FileReport } | { readonly id: number; readonly crash: string };

export type WorkerResponse = readonly WorkerResult[];

const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

const port = parentPort;
if (port) {
  const ready = getAnalyzer((workerData as WorkerData | undefined)?.wasm);
  const handle = async (request: WorkerRequest) => {
    let results: WorkerResult[];
    try {
      const analyzer = await ready;
      results = request.batch.map(({ id, task }) => {
        try {
          return { id, report: lintFile(analyzer, task) };
        } catch (e) {
          return { id, crash: describe(e) };
        }
      });
    } catch (e) {
      results = request.batch.map(({ id }) => ({ id, crash: describe(e) }));
    }
    port.postMessage(results satisfies WorkerResponse);
  };
  port.on('message', (request: WorkerRequest) => void handle(request));
}
