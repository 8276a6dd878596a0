import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Doc } from '../src/store/index.js';

interface Counter extends Doc {
  n: number;
}

/** The newest state of each document in a NeDB data file, as a restart would load it. */
function fileState(path: string): Map<string, Record<string, unknown>> {
  const state = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const doc = JSON.parse(line) as Record<string, unknown>;
    if (typeof doc._id !== 'string') continue; // index declarations
    if (doc.$$deleted) state.delete(doc._id);
    else state.set(doc._id, doc);
  }
  return state;
}

describe('embedded store appends in groups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-appends-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has every answered write of many concurrent ones in its file, in order, before it is closed', async () => {
    const store = openEmbeddedStore({ dir });
    const counters = store.collection<Counter>('counters');
    await counters.insertOne({ _id: 'c', n: 0 });
    const answered: number[] = [];
    await Promise.all([
      ...Array.from({ length: 200 }, (_, i) =>
        counters.updateOne({ _id: 'c' }, { $inc: { n: 1 } }).then(() => answered.push(i)),
      ),
      ...Array.from({ length: 50 }, (_, i) => counters.insertOne({ _id: `d${i}`, n: i })),
      counters.deleteOne({ _id: 'd0' }),
    ]);
    expect(answered).toHaveLength(200);
    // Read the file as a kill -9 would leave it: no close, no compaction.
    const state = fileState(join(dir, 'counters.db'));
    expect(state.get('c')).toMatchObject({ n: 200 });
    expect(state.size).toBe(50); // c and d1..d49
    expect(state.has('d0')).toBe(false);
    await store.close();
  });
});
