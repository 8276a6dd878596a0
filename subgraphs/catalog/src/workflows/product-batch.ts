import { decide, type RefusalCode } from '@fulfillment-mesh/connectors';
import { withEvents } from '@fulfillment-mesh/events';
import { isDomainError, type BulkOperation, type Filter, type Provenance } from '@fulfillment-mesh/runtime';
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
import type { FieldGroupOutcome, ProductUpdateResult, ProductUpdates, ProductUpdatesDeps } from './product-updates.js';

/** One write of a batch: what {@link ProductUpdates.update} takes, for many SKUs at once. */
export interface ProductBatchItem {
  sku: string;
  stamp: SourceStamp;
  changes: ProductChanges;
}

/** The outcome of one item: its result, or why it was refused as a whole (bad values). */
export type ProductBatchOutcome =
  { ok: true; result: ProductUpdateResult } | { ok: false; field: string; reason: string };

interface Planned {
  index: number;
  item: ProductBatchItem;
  incoming: Provenance;
  applied: ProductFieldGroup[];
  outcomes: FieldGroupOutcome[];
  refusals: { fieldGroup: ProductFieldGroup; code: RefusalCode; reason: string; current: Provenance | null }[];
  creating: boolean;
}

/**
 * The batch form of the mastered write, for imports: the same decisions as `update` per item (mastering rules,
 * duplicates by source version, conflicts logged), but one read of every SKU of the batch, one write per item
 * carrying all its applied field groups and one `catalog.product.updated` event naming them, and one bulk write
 * for the batch. Each item's write is guarded by the provenance it was decided on; an item that lost a race to a
 * concurrent write is decided again through `update`. Items naming the same SKU twice run in file order.
 */
export function createProductBatch(deps: ProductUpdatesDeps, single: Pick<ProductUpdates, 'update'>) {
  const { collection, conflicts } = deps;

  const plan = (item: ProductBatchItem, index: number, existing: ProductDoc | undefined): Planned => {
    const { stamp, changes } = item;
    const incoming: Provenance = {
      source: stamp.source,
      sourceVersion: stamp.sourceVersion,
      observedAt: new Date(stamp.observedAt).toISOString(),
      ...(stamp.adapterRun ? { adapterRun: stamp.adapterRun } : {}),
    };
    const planned: Planned = { index, item, incoming, applied: [], outcomes: [], refusals: [], creating: !existing };
    for (const fieldGroup of PRODUCT_FIELD_GROUPS) {
      if (!fieldsOf(fieldGroup, changes, '')) continue;
      const current = existing?.provenance?.[fieldGroup] ?? null;
      if (current && current.source === incoming.source && current.sourceVersion === incoming.sourceVersion) {
        planned.outcomes.push({ fieldGroup, outcome: 'duplicate' });
        continue;
      }
      const decision = decide(catalogMastering, { fieldGroup, context: {}, incoming, current });
      if (decision.outcome === 'refuse')
        planned.refusals.push({ fieldGroup, code: decision.code, reason: decision.reason, current });
      else planned.applied.push(fieldGroup);
    }
    return planned;
  };

  const writeOf = (p: Planned, existing: ProductDoc | undefined, now: Date): BulkOperation<ProductDoc> => {
    const at = now.toISOString();
    const set: Record<string, unknown> = {};
    const guard: Filter = {};
    for (const fieldGroup of p.applied) {
      Object.assign(set, fieldsOf(fieldGroup, p.item.changes, at), { [`provenance.${fieldGroup}`]: p.incoming });
      const current = existing?.provenance?.[fieldGroup];
      const path = `provenance.${fieldGroup}`;
      if (current)
        Object.assign(guard, {
          [`${path}.source`]: current.source,
          [`${path}.sourceVersion`]: current.sourceVersion,
          [`${path}.observedAt`]: current.observedAt,
        });
      else guard[path] = { $exists: false };
    }
    const { sku } = p.item;
    const event = productUpdatedEvent(
      {
        sku,
        fieldGroups: p.applied,
        source: p.incoming.source,
        sourceVersion: p.incoming.sourceVersion,
        observedAt: p.incoming.observedAt,
        adapterRun: p.incoming.adapterRun ?? null,
        created: p.creating,
      },
      now,
    );
    const update = withEvents({ $set: set }, [event]);
    if (p.creating) {
      const written = Object.keys(set);
      const overlaps = (key: string) => written.some((path) => path === key || path.startsWith(`${key}.`));
      update.$setOnInsert = Object.fromEntries(
        Object.entries(placeholderProduct(sku, p.item.changes, at)).filter(([key]) => !overlaps(key)),
      );
    }
    return { updateOne: { filter: { _id: sku, ...guard }, update, upsert: p.creating } };
  };

  /** Applies one batch whose SKUs are distinct. */
  const applyDistinct = async (items: { item: ProductBatchItem; index: number }[], out: ProductBatchOutcome[]) => {
    const docs = await collection.find({ _id: { $in: items.map((i) => i.item.sku) } });
    const bySku = new Map(docs.map((d) => [d._id, d]));
    const planned = items.map(({ item, index }) => plan(item, index, bySku.get(item.sku)));
    const writing = planned.filter((p) => p.applied.length > 0);
    const now = deps.now();
    const result = await collection.bulkWrite(writing.map((p) => writeOf(p, bySku.get(p.item.sku), now)));
    let lost = new Set<Planned>();
    if (result.matchedCount + result.upsertedCount < writing.length) {
      // Some guard no longer held (a concurrent write): find which by what the documents now record.
      const after = new Map(
        (await collection.find({ _id: { $in: writing.map((p) => p.item.sku) } })).map((d) => [d._id, d]),
      );
      const ours = (p: Planned) =>
        p.applied.every(
          (g) =>
            after.get(p.item.sku)?.provenance?.[g]?.sourceVersion === p.incoming.sourceVersion &&
            after.get(p.item.sku)?.provenance?.[g]?.source === p.incoming.source,
        );
      lost = new Set(writing.filter((p) => !ours(p)));
    }
    for (const p of planned) {
      if (lost.has(p)) {
        out[p.index] = {
          ok: true,
          result: await single.update(p.item.sku, p.item.stamp, p.item.changes, { createIfMissing: true }),
        };
        continue;
      }
      const outcomes: FieldGroupOutcome[] = [
        ...p.outcomes,
        ...p.applied.map((fieldGroup): FieldGroupOutcome => ({ fieldGroup, outcome: 'applied' })),
      ];
      for (const r of p.refusals) {
        const conflict = await conflicts.record({
          entity: collection.name,
          entityId: p.item.sku,
          fieldGroup: r.fieldGroup,
          incoming: p.incoming,
          current: r.current,
          code: r.code,
          reason: r.reason,
          context: {},
        });
        outcomes.push({
          fieldGroup: r.fieldGroup,
          outcome: 'refused',
          code: r.code,
          reason: r.reason,
          conflictId: conflict._id,
        });
      }
      const order = (o: FieldGroupOutcome) => PRODUCT_FIELD_GROUPS.indexOf(o.fieldGroup);
      outcomes.sort((a, b) => order(a) - order(b));
      out[p.index] = { ok: true, result: { sku: p.item.sku, created: p.creating && p.applied.length > 0, outcomes } };
    }
    if (writing.length > 0) deps.published();
  };

  return {
    /** Applies `items` in order; one outcome per item, in the same order. Throws only when the store fails. */
    async updateBatch(items: readonly ProductBatchItem[]): Promise<ProductBatchOutcome[]> {
      const out: ProductBatchOutcome[] = new Array(items.length);
      let chunk: { item: ProductBatchItem; index: number }[] = [];
      const skus = new Set<string>();
      for (const [index, item] of items.entries()) {
        try {
          validateProductUpdate(item.sku, item.stamp, item.changes);
        } catch (error) {
          if (!isDomainError(error)) throw error;
          const field = typeof error.details.field === 'string' ? error.details.field : 'row';
          out[index] = { ok: false, field, reason: error.message };
          continue;
        }
        if (skus.has(item.sku)) {
          await applyDistinct(chunk, out);
          chunk = [];
          skus.clear();
        }
        skus.add(item.sku);
        chunk.push({ item, index });
      }
      if (chunk.length > 0) await applyDistinct(chunk, out);
      return out;
    },
  };
}
