/** The CLI's work queue: size-balanced batches, largest files first, every task exactly once. */
import assert from 'node:assert/strict';
import { BatchQueue, defaultJobs } from '../../../src/cli/pool';

function drain(queue: BatchQueue): number[][] {
  const batches: number[][] = [];
  for (let batch = queue.take(); batch.length > 0; batch = queue.take()) batches.push(batch);
  return batches;
}

describe('CLI worker pool: BatchQueue', () => {
  it('hands out every task once, largest first, in batches that shrink towards the end', () => {
    // 400 files from 1 KB to 400 KB, in no particular order.
    const sizes = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 400) * 1024 + 1024);
    const batches = drain(new BatchQueue(sizes, 2));
    const all = batches.flat();
    assert.deepEqual(
      [...all].sort((a, b) => a - b),
      sizes.map((_, i) => i),
      'each task exactly once',
    );
    for (let i = 1; i < all.length; i++) assert.ok(sizes[all[i - 1]] >= sizes[all[i]], 'largest first');
    const bytes = batches.map((b) => b.reduce((n, i) => n + sizes[i], 0));
    const total = sizes.reduce((n, s) => n + s, 0);
    assert.ok(bytes[0] <= total / 8 + Math.max(...sizes), `the first batch is about an eighth of the work (${bytes[0]} of ${total})`);
    assert.ok(bytes.at(-1)! < bytes[0] / 4, 'the last batches are much smaller than the first');
    assert.ok(batches.length < sizes.length / 4, `far fewer messages than files (${batches.length})`);
  });

  it('a file larger than a batch travels alone; tiny files travel together; no tasks, no batch', () => {
    const sizes = [10_000_000, 10, 10, 10, 10];
    assert.deepEqual(drain(new BatchQueue(sizes, 2)), [[0], [1, 2, 3, 4]]);
    assert.deepEqual(drain(new BatchQueue([], 2)), []);
  });
});

describe('CLI worker pool: defaultJobs', () => {
  const MB = 1024 * 1024;
  it('without the project view: under a megabyte in the main thread, then one worker per megabyte begun, at most one per core', () => {
    assert.equal(defaultJobs(0, { cores: 2 }), 1);
    assert.equal(defaultJobs(0.65 * MB, { cores: 2 }), 1, 'a 0.65 MB project: one thread was faster');
    assert.equal(defaultJobs(1 * MB, { cores: 8 }), 1);
    assert.equal(defaultJobs(1.2 * MB, { cores: 2 }), 2);
    assert.equal(defaultJobs(16.8 * MB, { cores: 2 }), 2, 'torch + torchvision without the project view: two workers were faster');
    assert.equal(defaultJobs(16.8 * MB, { cores: 8 }), 8);
    assert.equal(defaultJobs(3.5 * MB, { cores: 8 }), 4);
    assert.equal(defaultJobs(50 * MB, { cores: 1 }), 1, 'one core: the main thread');
  });

  it('with the project view: one core fewer, so two cores lint in the main thread', () => {
    assert.equal(defaultJobs(16.8 * MB, { cores: 2, projectView: true }), 1, 'torch + torchvision with the project view: one thread was faster');
    assert.equal(defaultJobs(1.2 * MB, { cores: 2, projectView: true }), 1);
    assert.equal(defaultJobs(16.8 * MB, { cores: 8, projectView: true }), 7);
    assert.equal(defaultJobs(3.5 * MB, { cores: 8, projectView: true }), 4);
    assert.equal(defaultJobs(0.5 * MB, { cores: 8, projectView: true }), 1);
    assert.equal(defaultJobs(50 * MB, { cores: 1, projectView: true }), 1, 'one core: the main thread');
  });
});
