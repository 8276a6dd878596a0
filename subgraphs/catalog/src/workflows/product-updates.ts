import { applyMastered, type ConflictLog, type RefusalCode } from '@fulfillment-mesh/connectors';
import { notFound, type Collection } from '@fulfillment-mesh/runtime';
import {
  fieldsOf,
  placeholderProduct,
  validateProductUpdate,
  type ProductChanges,
  type SourceStamp,
} from '../domain/products.js';
import { productUpdatedEvent } from '../events/contracts.js';
import { catalogMastering, PRODUCT_FIELD_GROUPS, type ProductFieldGroup } from '../mastering.js';
import type { ProductDoc } from '../store/models.js';
import { createProductBatch, type ProductBatchItem, type ProductBatchOutcome } from './product-batch.js';

/** What happened to one field group of an update. */
export type FieldGroupOutcome =
  | { fieldGroup: ProductFieldGroup; outcome: 'applied' }
  /** The same source and version was applied before: a re-delivery, nothing changes and no conflict is logged. */
  | { fieldGroup: ProductFieldGroup; outcome: 'duplicate' }
  | { fieldGroup: ProductFieldGroup; outcome: 'refused'; code: RefusalCode; reason: string; conflictId: string };

/** The outcome of {@link ProductUpdates.update}: one entry per field group the update carried. */
export interface ProductUpdateResult {
  sku: string;
  /** True when this update created the product. */
  created: boolean;
  outcomes: FieldGroupOutcome[];
}

/** Options of one update. */
export interface UpdateOptions {
  /**
   * Create the product when the SKU is unknown, with placeholder content (see `placeholderProduct`); without it
   * an unknown SKU is NOT_FOUND. The ERP item master creates items; the PIM only describes known ones.
   */
  createIfMissing?: boolean;
}

/** The catalog's one write operation for mastered fields; every adapter (and any future mutation) goes through it. */
export interface ProductUpdates {
  /**
   * Applies the field groups in `changes` one by one through the mastering rules: each is applied (with its
   * provenance and a `catalog.product.updated` event in the same atomic write), recognised as a duplicate, or
   * refused and recorded in the conflict log. Throws INVALID_INPUT for bad values, NOT_FOUND for an unknown SKU.
   */
  update(
    sku: string,
    stamp: SourceStamp,
    changes: ProductChanges,
    options?: UpdateOptions,
  ): Promise<ProductUpdateResult>;
  /**
   * The same for many SKUs (unknown ones created, as with `createIfMissing`), in one read and one bulk write per
   * batch instead of several round trips per item: what imports use. Bad values refuse that item only.
   */
  updateBatch(items: readonly ProductBatchItem[]): Promise<ProductBatchOutcome[]>;
  readonly conflicts: ConflictLog;
}

/** Dependencies of {@link createProductUpdates}. */
export interface ProductUpdatesDeps {
  collection: Collection<ProductDoc>;
  conflicts: ConflictLog;
  now: () => Date;
  /** Called after a write that appended events, so the outbox relay publishes soon. */
  published: () => void;
}

/** Creates the mastered write operation over the products collection. */
export function createProductUpdates(deps: ProductUpdatesDeps): ProductUpdates {
  const { collection, conflicts } = deps;
  const updates: ProductUpdates = {
    conflicts,
    updateBatch: (items) => createProductBatch(deps, updates).updateBatch(items),
    async update(sku, stamp, changes, options = {}) {
      validateProductUpdate(sku, stamp, changes);
      const incoming = {
        source: stamp.source,
        sourceVersion: stamp.sourceVersion,
        observedAt: new Date(stamp.observedAt).toISOString(),
        ...(stamp.adapterRun ? { adapterRun: stamp.adapterRun } : {}),
      };
      const existing = await collection.findOne({ _id: sku });
      if (!existing && !options.createIfMissing) throw notFound('Product', sku);
      let exists = existing !== null;
      let created = false;
      const outcomes: FieldGroupOutcome[] = [];
      for (const fieldGroup of PRODUCT_FIELD_GROUPS) {
        const now = deps.now();
        const set = fieldsOf(fieldGroup, changes, now.toISOString());
        if (!set) continue;
        const current = existing?.provenance?.[fieldGroup];
        if (current && current.source === incoming.source && current.sourceVersion === incoming.sourceVersion) {
          outcomes.push({ fieldGroup, outcome: 'duplicate' });
          continue;
        }
        const creating = !exists && options.createIfMissing === true;
        const result = await applyMastered(collection, {
          id: sku,
          fieldGroup,
          set,
          incoming,
          rules: catalogMastering,
          conflicts,
          ...(creating ? { insert: placeholderProduct(sku, changes, now.toISOString()) } : {}),
          events: [
            productUpdatedEvent(
              {
                sku,
                fieldGroups: [fieldGroup],
                source: incoming.source,
                sourceVersion: incoming.sourceVersion,
                observedAt: incoming.observedAt,
                adapterRun: stamp.adapterRun ?? null,
                created: creating,
              },
              now,
            ),
          ],
        });
        if (result.applied) {
          exists = true;
          created ||= creating;
          outcomes.push({ fieldGroup, outcome: 'applied' });
        } else {
          outcomes.push({
            fieldGroup,
            outcome: 'refused',
            code: result.decision.code,
            reason: result.decision.reason,
            conflictId: result.conflict._id,
          });
        }
      }
      if (outcomes.some((o) => o.outcome === 'applied')) deps.published();
      return { sku, created, outcomes };
    },
  };
  return updates;
}
