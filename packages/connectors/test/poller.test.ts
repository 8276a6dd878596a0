import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import { createPoller, type PollCursor, type PollPage } from '../src/index.js';

interface SourceOrder {
  id: string;
  version: number;
  updatedAt: number;
}

const minute = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');

/** A source API that returns the records visible now, updated within [since, until], `pageSize` per page. */
function fakeSource(pageSize = 100) {
  const records: SourceOrder[] = [];
  const calls: { since: number; until: number; cursor: string | null }[] = [];
  return {
    records,
    calls,
    async fetchPage(since: Date, until: Date, cursor: string | null): Promise<PollPage<SourceOrder>> {
      calls.push({ since: since.getTime(), until: until.getTime(), cursor });
      const matching = records
        .filter((r) => r.updatedAt >= since.getTime() && r.updatedAt <= until.getTime())
        .sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id));
      const offset = cursor ? Number(cursor) : 0;
      const end = offset + pageSize;
      return { items: matching.slice(offset, end), next: end < matching.length ? String(end) : null };
    },
  };
}

describe('gap-safe poller', () => {
  let store: Store;
  let now: number;
  let applied: string[];

  beforeEach(() => {
    store = openEmbeddedStore();
    now = T0;
    applied = [];
  });
  afterEach(() => store.close());

  const poller = (
    source: ReturnType<typeof fakeSource>,
    overlapMs = 5 * minute,
    apply = async (r: SourceOrder) => void applied.push(`${r.id}@${r.version}`),
  ) =>
    createPoller({
      name: 'shop',
      fetchPage: source.fetchPage,
      identify: (r) => ({ id: r.id, version: String(r.version) }),
      apply,
      store,
      overlapMs,
      clock: () => now,
    });

  it('catches a record committed late with an older timestamp, and applies each record once', async () => {
    const source = fakeSource();
    source.records.push({ id: 'A', version: 1, updatedAt: T0 - minute });
    const p = poller(source);
    expect(await p.pollOnce()).toMatchObject({ applied: 1, duplicates: 0 });

    source.records.push({ id: 'B', version: 1, updatedAt: T0 - 2 * minute }); // visible only after the first window closed
    now = T0 + minute;
    const second = await p.pollOnce();
    expect(second).toMatchObject({
      applied: 1,
      duplicates: 1,
      since: new Date(T0 - 5 * minute).toISOString(),
      until: new Date(T0 + minute).toISOString(),
    });
    expect(applied).toEqual(['A@1', 'B@1']);
  });

  it('would lose that record without the overlap', async () => {
    const source = fakeSource();
    const p = poller(source, 0);
    await p.pollOnce();
    source.records.push({ id: 'B', version: 1, updatedAt: T0 - 2 * minute });
    now = T0 + minute;
    await p.pollOnce();
    expect(applied).toEqual([]);
  });

  it('applies a new version of a record again, but not the same version', async () => {
    const source = fakeSource();
    source.records.push({ id: 'A', version: 1, updatedAt: T0 - minute });
    const p = poller(source);
    await p.pollOnce();
    source.records[0] = { id: 'A', version: 2, updatedAt: T0 + 30_000 };
    now = T0 + minute;
    await p.pollOnce();
    now = T0 + 2 * minute;
    await p.pollOnce();
    expect(applied).toEqual(['A@1', 'A@2']);
  });

  it('saves the cursor only after a page is applied, and resumes at the failed page', async () => {
    const source = fakeSource(2);
    for (const [i, id] of ['A', 'B', 'C', 'D', 'E'].entries())
      source.records.push({ id, version: 1, updatedAt: T0 - (10 - i) * minute });
    let failOn: string | null = 'D';
    const p = poller(source, 5 * minute, async (r) => {
      if (r.id === failOn) throw new Error('store unavailable');
      applied.push(r.id);
    });
    await expect(p.pollOnce()).rejects.toThrow('store unavailable');
    const cursor = await store.collection<PollCursor>('poll_cursors').findOne({ _id: 'shop' });
    expect(cursor).toMatchObject({ watermark: null, window: { cursor: '2' } }); // page 1 (A, B) is done; page 2 is not

    failOn = null;
    now = T0 + minute; // a later run still finishes the interrupted window first
    const resumed = await p.pollOnce();
    expect(source.calls.at(-2)).toMatchObject({ cursor: '2', until: T0 });
    // C was applied before D failed: the re-fetched page drops it as a duplicate.
    expect(resumed).toMatchObject({ applied: 2, duplicates: 1, until: new Date(T0).toISOString() });
    expect(applied).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await store.collection<PollCursor>('poll_cursors').findOne({ _id: 'shop' })).toMatchObject({
      watermark: new Date(T0).toISOString(),
      window: null,
    });
  });

  it('polls on an interval until stopped', async () => {
    const source = fakeSource();
    source.records.push({ id: 'A', version: 1, updatedAt: T0 - minute });
    let applyDone!: () => void;
    const firstApply = new Promise<void>((r) => (applyDone = r));
    const p = createPoller({
      name: 'loop',
      fetchPage: source.fetchPage,
      identify: (r) => ({ id: r.id, version: '1' }),
      apply: async () => applyDone(),
      store,
      clock: () => now,
      intervalMs: 60_000,
    });
    p.start();
    await firstApply;
    await p.stop();
    expect(source.calls).toHaveLength(1);
  });
});
