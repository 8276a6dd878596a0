import { describe, expect, it } from 'vitest';
import { provenanceList } from '../src/index.js';

describe('provenanceList', () => {
  it('lists a provenance map by field group, with a null adapter run when there was none', () => {
    const seed = { source: 'seed', sourceVersion: '1', observedAt: '2026-01-01T00:00:00.000Z' };
    const erp = { source: 'erp', sourceVersion: '7', observedAt: '2026-02-01T00:00:00.000Z', adapterRun: 'erp:doc-1' };
    expect(provenanceList({ safetyStock: seed, onHand: erp, incoming: seed })).toEqual([
      { field: 'incoming', ...seed, adapterRun: null },
      { field: 'onHand', ...erp },
      { field: 'safetyStock', ...seed, adapterRun: null },
    ]);
  });

  it('is empty for a document without provenance', () => {
    expect(provenanceList(undefined)).toEqual([]);
    expect(provenanceList({})).toEqual([]);
  });
});
