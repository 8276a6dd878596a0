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

/** One entry of a provenance map as the graph's `FieldProvenance` shows it. */
export interface FieldProvenanceEntry {
  /** The field group, e.g. `price`, `onHand`. */
  field: string;
  source: string;
  sourceVersion: string;
  observedAt: string;
  adapterRun: string | null;
}

/** A document's provenance map as the graph's `[FieldProvenance!]!`: one entry per field group, sorted by field group (`localeCompare`). */
export function provenanceList(map: ProvenanceMap | undefined): FieldProvenanceEntry[] {
  return Object.entries(map ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, p]) => ({
      field,
      source: p.source,
      sourceVersion: p.sourceVersion,
      observedAt: p.observedAt,
      adapterRun: p.adapterRun ?? null,
    }));
}
