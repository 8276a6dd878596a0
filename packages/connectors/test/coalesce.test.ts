import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../src/outbound/coalesce.js';

/** A push recorder whose pushes take `flightMs`, tracking how many run at once per key. */
function recorder(flightMs = 5) {
  const pushes: { key: string; value: number }[] = [];
  const inFlight = new Map<string, number>();
  let maxInFlight = 0;
  const push = async (key: string, value: number) => {
    const now = (inFlight.get(key) ?? 0) + 1;
    inFlight.set(key, now);
    maxInFlight = Math.max(maxInFlight, now);
    pushes.push({ key, value });
    await new Promise((r) => setTimeout(r, flightMs));
    inFlight.set(key, now - 1);
  };
  return { pushes, push, maxInFlight: () => maxInFlight };
}

describe('coalescer', () => {
  it('pushes 100 changes to one key within a second as at most 3 pushes, ending with the last value', async () => {
    const r = recorder();
    const coalescer = createCoalescer<number>({ windowMs: 500, push: r.push });
    const started = Date.now();
    for (let i = 1; i <= 100; i++) {
      coalescer.offer('WEB:SKU-1', i);
      await new Promise((res) => setTimeout(res, 9)); // 100 changes spread over ~1 second
    }
    await coalescer.idle(5_000);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(r.pushes.length).toBeLessThanOrEqual(3);
    expect(r.pushes.at(-1)).toEqual({ key: 'WEB:SKU-1', value: 100 });
    expect(r.maxInFlight()).toBe(1);
    expect(coalescer.stats()).toMatchObject({ offered: 100, pushed: r.pushes.length });
  });

  it('keeps one push in flight per key and schedules exactly one more for a change arriving during it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pushes: number[] = [];
    const coalescer = createCoalescer<number>({
      windowMs: 10,
      push: async (_key, value) => {
        pushes.push(value);
        if (pushes.length === 1) await gate;
      },
    });
    coalescer.offer('k', 1);
    await expect.poll(() => pushes).toEqual([1]);
    coalescer.offer('k', 2);
    coalescer.offer('k', 3);
    await new Promise((r) => setTimeout(r, 50)); // long past the window: still only the first push runs
    expect(pushes).toEqual([1]);
    release();
    await coalescer.idle(2_000);
    expect(pushes).toEqual([1, 3]);
  });

  it('pushes different keys independently', async () => {
    const r = recorder();
    const coalescer = createCoalescer<number>({ windowMs: 10, push: r.push });
    coalescer.offer('a', 1);
    coalescer.offer('b', 2);
    coalescer.offer('a', 3);
    await coalescer.idle(2_000);
    expect(r.pushes.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'a', value: 3 },
      { key: 'b', value: 2 },
    ]);
  });

  it('tells a failed push to onError and keeps working for later values', async () => {
    const errors: [string, number, string][] = [];
    const pushed: number[] = [];
    const coalescer = createCoalescer<number>({
      windowMs: 5,
      push: async (_key, value) => {
        if (value === 1) throw new Error('remote said no');
        pushed.push(value);
      },
      onError: (key, value, error) => errors.push([key, value, (error as Error).message]),
    });
    coalescer.offer('k', 1);
    await coalescer.idle(2_000);
    coalescer.offer('k', 2);
    await coalescer.idle(2_000);
    expect(errors).toEqual([['k', 1, 'remote said no']]);
    expect(pushed).toEqual([2]);
  });

  it('drops waiting values on stop', async () => {
    const r = recorder();
    const coalescer = createCoalescer<number>({ windowMs: 1_000, push: r.push });
    coalescer.offer('k', 1);
    await coalescer.stop();
    expect(coalescer.busy()).toBe(0);
    coalescer.offer('k', 2);
    expect(coalescer.busy()).toBe(0);
    expect(r.pushes).toEqual([]);
  });
});
