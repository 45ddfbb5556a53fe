import { drain, JobContext } from './maintenance-job';

/** A context that runs batches straight away, as the runner does minus the transaction. */
function context(batchSize: number): JobContext & { batches: number } {
  const ctx = {
    batchSize,
    batches: 0,
    batch: async (work: () => Promise<number>) => {
      ctx.batches++;
      return work();
    },
  };
  return ctx;
}

describe('drain', () => {
  it('repeats full batches and stops after the first short one', async () => {
    const left = [3, 3, 1, 5];
    const ctx = context(3);
    expect(await drain(ctx, async () => left.shift()!)).toBe(7);
    expect(ctx.batches).toBe(3);
  });

  it('stops after one empty batch when there is nothing to do', async () => {
    const ctx = context(500);
    expect(await drain(ctx, async () => 0)).toBe(0);
    expect(ctx.batches).toBe(1);
  });

  it('lets a failing batch end the job', async () => {
    const ctx = context(2);
    let calls = 0;
    await expect(drain(ctx, async () => (++calls === 2 ? Promise.reject(new Error('batch failed')) : 2))).rejects.toThrow('batch failed');
    expect(calls).toBe(2);
  });
});
