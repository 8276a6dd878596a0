import type { ConflictRecord } from '@fulfillment-mesh/connectors';
import type { MasteringConflict } from './generated/graphql.js';

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
