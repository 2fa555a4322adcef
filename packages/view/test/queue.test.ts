import { describe, expect, it } from 'vitest';

import { TaskQueue } from '../src/queue.js';

describe('TaskQueue', () => {
  it('runs tasks one at a time, in order, even when one fails', async () => {
    const queue = new TaskQueue();
    const log: string[] = [];
    const slow = queue.run(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 20));
      log.push('a end');
    });
    const failing = queue.run(() => Promise.reject(new Error('boom')));
    const last = queue.run(async () => {
      log.push('c');
    });
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await last;
    expect(log).toEqual(['a start', 'a end', 'c']);
  });
});
