import type { ConflictLog, ConflictRecord } from './conflicts.js';

/** A refused write as every subgraph's `MasteringConflict` type shows it (the type is shared across subgraphs). */
export interface MasteringConflictView {
  id: string;
  entityId: string;
  fieldGroup: string;
  source: string;
  sourceVersion: string;
  observedAt: string;
  reason: string;
  currentSource: string | null;
  currentSourceVersion: string | null;
  at: string;
}

/** A conflict log record as the graph's `MasteringConflict`: the refused write, and what was kept. */
export function conflictView(record: ConflictRecord): MasteringConflictView {
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

/** One page of a domain's conflicts as `MasteringConflictConnection` (what each `<domain>Conflicts` field returns). */
export async function conflictPage(log: ConflictLog, args: { first?: number | null; after?: string | null }) {
  const [page, totalCount] = await Promise.all([
    log.list({ first: args.first ?? null, after: args.after ?? null }),
    log.count(),
  ]);
  return { nodes: page.nodes.map(conflictView), pageInfo: page.pageInfo, totalCount };
}
