/**
 * Where a mastered value came from. Documents keep a `provenance` map from field group (e.g. `price`,
 * `content`, `onHand`) to the record of the write that set it, so mastering rules can refuse stale or
 * non-authoritative writes and the graph can show the origin of every mastered fact.
 */
export interface Provenance {
  /** The source system, e.g. `erp`, `pim`, `wms:dc-east`, `seed`. */
  source: string;
  /** The source's own version or sequence for this record, compared for staleness. */
  sourceVersion: string;
  /** When the source observed the value (ISO-8601). */
  observedAt: string;
  /** The adapter run that applied it, when it came through an adapter. */
  adapterRun?: string;
}

/** The provenance map stored on a document. */
export type ProvenanceMap = Record<string, Provenance>;
