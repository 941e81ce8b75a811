/** Spreads lint tasks over worker threads (one analyzer per worker), keeping results in input order. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledWasm } from '../node/analyzer';
import type { FileReport, LintTask } from '../node/lint-file';
import type { WorkerData, WorkerRequest, WorkerResponse } from './worker';

/**
 * Source per worker. A worker starts its own parser and reads again, for its share of the files,
 * the project modules they import: below this much work one thread is faster.
 */
const BYTES_PER_WORKER = 1024 * 1024;

/** V8's default stack limit, which the main thread runs with (`--stack-size`, 984 KB). */
const MAIN_THREAD_STACK_MB = 984 / 1024;

/**
 * Each worker's young generation, smaller than V8's default: an analysis leaves mostly short-lived
 * garbage, and every thread's semi-spaces count in the process' memory. On torch + torchvision
 * (two workers) 4 MB lowered the peak RSS from 446–455 MB to 384–410 MB at the same speed; 2 MB
 * saved 20 MB more at 1–2% of wall time (docs/performance.md).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Batches are never smaller than this (bytes of source), so small files travel together. */
const MIN_BATCH_BYTES = 64 * 1024;

/**
 * Threads for `bytes` of source: one per megabyte begun, at most one per core; 1 means the main
 * thread lints alone. Measured on two cores (docs/performance.md): without the project view,
 * projects under a megabyte lint faster in one thread and larger ones in two workers (torch +
 * torchvision 5.6–6.0 s against 6.8–7.4 s). With the project view each worker reads again, and
 * keeps its own copy of, the project modules its files import, and one thread was faster on every
 * project measured, 1.2 to 16.8 MB (by 1 to 25%, with 20 to 35% less memory): a core is then left
 * to V8's garbage-collector threads.
 */
export function defaultJobs(bytes: number, { cores = os.availableParallelism(), projectView = false } = {}): number {
  const threads = projectView ? cores - 1 : cores;
  return Math.max(1, Math.min(threads, Math.ceil(bytes / BYTES_PER_WORKER)));
}

/** The bytes of source each task hands over (a file by its size on disk): read once, for the thread count and the batches. */
export function taskSizes(tasks: readonly LintTask[]): number[] {
  return tasks.map(sizeOf);
}

/**
 * Hands out tasks in batches balanced by size: largest files first, and each batch a fixed share
 * of the bytes still to do (guided self-scheduling), so batches are large while there is much
 * work and small towards the end, where they even out the workers' finishing times.
 */
export class BatchQueue {
  private readonly order: number[];
  private next = 0;
  private remaining: number;

  constructor(
    private readonly sizes: readonly number[],
    private readonly workers: number,
  ) {
    this.order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
    this.remaining = sizes.reduce((n, s) => n + s, 0);
  }

  /** The task indexes of the next batch; empty when all are handed out. */
  take(): number[] {
    const target = Math.max(MIN_BATCH_BYTES, this.remaining / (this.workers * 4));
    const batch: number[] = [];
    let bytes = 0;
    while (this.next < this.order.length) {
      const size = this.sizes[this.order[this.next]];
      if (batch.length > 0 && bytes + size > target) break;
      batch.push(this.order[this.next++]);
      bytes += size;
    }
    this.remaining -= bytes;
    return batch;
  }
}

function sizeOf(task: LintTask): number {
  return task.stdinBytes?.length ?? (task.file ? (fs.statSync(task.file, { throwIfNoEntry: false })?.size ?? 0) : 0);
}

export async function lintInWorkers(
  tasks: readonly LintTask[],
  sizes: readonly number[],
  jobs: number,
  onCrash: (task: LintTask, error: string) => FileReport,
  wasm: CompiledWasm,
): Promise<FileReport[]> {
  const workerFile = path.join(__dirname, 'worker.js');
  const results = new Array<FileReport>(tasks.length);
  const queue = new BatchQueue(sizes, jobs);
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = queue.take();
        if (batch.length === 0) resolve();
        else worker.postMessage({ batch: batch.map((id) => ({ id, task: tasks[id] })) } satisfies WorkerRequest);
      };
      worker.on('message', (response: WorkerResponse) => {
        for (const result of response) results[result.id] = 'report' in result ? result.report : onCrash(tasks[result.id], result.crash);
        send();
      });
      worker.on('error', reject);
      send();
    });
  const workers = Array.from(
    { length: jobs },
    // The main thread's stack (V8's default, 984 KB), not a worker's default 4 MB: code nested too
    // deeply to analyze is then skipped and reported alike whichever thread reads it.
    () =>
      new Worker(workerFile, {
        workerData: { wasm } satisfies WorkerData,
        resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
  );
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
