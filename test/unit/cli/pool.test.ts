/** The CLI's work queue: size-balanced batches, largest files first, every task exactly once. */
import assert from 'node:assert/strict';
import { BatchQueue } from '../../../src/cli/pool';

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
