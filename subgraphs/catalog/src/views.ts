import type { ConflictRecord } from '@fulfillment-mesh/connectors';
import type { ProvenanceMap } from '@fulfillment-mesh/runtime';
import type { FieldProvenance, MasteringConflict } from './generated/graphql.js';

/** A product's provenance map as the graph shows it: one entry per field group, sorted by field group. */
export function toFieldProvenance(map: ProvenanceMap | undefined): FieldProvenance[] {
  return Object.entries(map ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, p]) => ({ field, source: p.source, sourceVersion: p.sourceVersion, observedAt: p.observedAt, adapterRun: p.adapterRun ?? null }));
}

/** A conflict log record as the graph shows it. */
export function toMasteringConflict(record: ConflictRecord): MasteringConflict {
  return {
    id: record._id,
    entityId: record.entityId,
    fieldGroup: record.fieldGroup,
    source: record.incoming.source,
    sourceVersion: record.incoming.sourceVersion,
    observedAt: record.incoming.observedAt,
    reason: record.reason,
    currentSource: record.current?.source ?? null,
    currentSourceVersion: record.current?.sourceVersion ?? null,
    at: record.at,
  };
}
