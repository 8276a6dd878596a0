import { createEvent, defineEvent, newOutbox, type EventDefinition } from '@fulfillment-mesh/events';
import { z } from 'zod';
import { timeOrderedId } from '../ids.js';
import {
  pageRequest,
  toConnection,
  type Collection,
  type Connection,
  type Doc,
  type Filter,
  type Provenance,
} from '@fulfillment-mesh/runtime';
import type { RefusalCode } from './decide.js';
import type { MasteringContext } from './rules.js';

/** What {@link ConflictLog.record} needs: the refused write and why. */
export interface NewConflict {
  /** The collection of the entity, e.g. `products`. */
  entity: string;
  entityId: string;
  fieldGroup: string;
  incoming: Provenance;
  current: Provenance | null;
  code: RefusalCode;
  reason: string;
  context: MasteringContext;
}

/** One refused write, kept so people can see and settle it (collection `conflicts`). */
export interface ConflictRecord extends Doc, NewConflict {
  domain: string;
  /** ISO time of the refusal. */
  at: string;
}

/** Filters of {@link ConflictLog.count} and {@link ConflictLog.list}. */
export interface ConflictQuery {
  entity?: string;
  entityId?: string;
  fieldGroup?: string;
  code?: RefusalCode;
  /** The refused write's source. */
  source?: string;
}

/** The conflict log of one domain: refused writes, counted and queryable newest first. */
export interface ConflictLog {
  readonly domain: string;
  record(conflict: NewConflict): Promise<ConflictRecord>;
  count(query?: ConflictQuery): Promise<number>;
  /** A page, newest first; `after` is the `endCursor` of the previous page. */
  list(query?: ConflictQuery & { first?: number | null; after?: string | null }): Promise<Connection<ConflictRecord>>;
  /** Creates the indexes the queries use. */
  ensureIndexes(): Promise<void>;
}

/** The payload of `<domain>.conflict.recorded`: a refused write, for operators (MASTERING_CONFLICT exceptions). */
export const conflictRecordedSchema = z.object({
  conflictId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  fieldGroup: z.string(),
  code: z.string(),
  reason: z.string(),
  incomingSource: z.string(),
  currentSource: z.string().nullable(),
  at: z.string(),
});

/** `<domain>.conflict.recorded` (stream `<domain>`, subject `<entity>/<entityId>`), published for every refused write. */
export function conflictRecordedEvent(domain: string): EventDefinition<typeof conflictRecordedSchema> {
  return defineEvent({
    type: `${domain}.conflict.recorded`,
    version: 1,
    description: `A write to ${domain} was refused by the mastering rules.`,
    example: {
      conflictId: 'cfl-1',
      entity: 'Product',
      entityId: 'FM-ELE-10105',
      fieldGroup: 'price',
      code: 'non-authoritative',
      reason: 'price is mastered by the ERP',
      incomingSource: 'shopify',
      currentSource: 'erp',
      at: '2026-01-01T00:00:00.000Z',
    },
    schema: conflictRecordedSchema,
  });
}

/** Dependencies of {@link createConflictLog}. */
export interface ConflictLogDeps {
  /** Usually `store.collection('conflicts')`. */
  collection: Collection<ConflictRecord>;
  domain: string;
  /** Default `() => new Date()`. */
  clock?: () => Date;
}

/**
 * Creates the conflict log over its collection. Each record carries its `<domain>.conflict.recorded` event in
 * its outbox (same insert), so the subgraph's relay must list the collection among its outbox collections.
 */
export function createConflictLog(deps: ConflictLogDeps): ConflictLog {
  const { collection, domain } = deps;
  const recorded = conflictRecordedEvent(domain);
  const clock = deps.clock ?? (() => new Date());
  const filterOf = (q: ConflictQuery): Filter => ({
    domain,
    ...(q.entity ? { entity: q.entity } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.fieldGroup ? { fieldGroup: q.fieldGroup } : {}),
    ...(q.code ? { code: q.code } : {}),
    ...(q.source ? { 'incoming.source': q.source } : {}),
  });
  return {
    domain,
    async record(conflict) {
      const at = clock().toISOString();
      // The id starts with the time so that sorting by id is sorting by time, which keeps paging a range scan.
      const doc: ConflictRecord = { _id: timeOrderedId(at), domain, at, ...conflict };
      const event = createEvent(recorded, {
        source: `/subgraphs/${domain}`,
        subject: `${conflict.entity}/${conflict.entityId}`,
        data: {
          conflictId: doc._id,
          entity: conflict.entity,
          entityId: conflict.entityId,
          fieldGroup: conflict.fieldGroup,
          code: conflict.code,
          reason: conflict.reason,
          incomingSource: conflict.incoming.source,
          currentSource: conflict.current?.source ?? null,
          at,
        },
      });
      await collection.insertOne({ ...doc, ...newOutbox([event]) } as ConflictRecord);
      return doc;
    },
    count: (query = {}) => collection.countDocuments(filterOf(query)),
    async list(query = {}) {
      const page = pageRequest(query, { defaultFirst: 20, maxFirst: 200 });
      const filter = filterOf(query);
      if (page.after) filter._id = { $lt: page.after };
      const rows = await collection.find(filter, { sort: { _id: -1 }, limit: page.first + 1 });
      return toConnection(rows, page.first, (row) => row._id);
    },
    async ensureIndexes() {
      await collection.createIndex({ fields: { domain: 1, entityId: 1 } });
      await collection.createIndex({ fields: { domain: 1, fieldGroup: 1 } });
    },
  };
}
