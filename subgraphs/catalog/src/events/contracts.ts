import { conflictRecordedEvent, inboundOutcomeEvent } from '@fulfillment-mesh/connectors';
import { createEvent, defineEvent, type EventEnvelope, type SubgraphContracts } from '@fulfillment-mesh/events';
import { z } from 'zod';
import { PRODUCT_FIELD_GROUPS } from '../mastering.js';

/** The `source` of every event this subgraph publishes. */
export const CATALOG_SOURCE = '/subgraphs/catalog';

// ---- Published (stream `catalog`, subject = sku). ----

/**
 * A mastered field group of a product changed (or the product was created by the ERP item master). Written in
 * the same atomic update as the change (outbox on the product), so it exists exactly when the change does.
 */
export const productUpdated = defineEvent({
  type: 'catalog.product.updated',
  version: 1,
  description: 'Mastered fields of a product changed: which field groups, from which source, version and adapter run.',
  example: {
    sku: 'FM-ELE-10105',
    fieldGroups: ['price'],
    source: 'ERP',
    sourceVersion: '42',
    observedAt: '2026-11-01T00:00:00.000Z',
    adapterRun: 'run-1',
    created: false,
  },
  schema: z.object({
    sku: z.string().min(1),
    fieldGroups: z.array(z.enum(PRODUCT_FIELD_GROUPS)).min(1),
    source: z.string().min(1),
    sourceVersion: z.string().min(1),
    observedAt: z.string(),
    adapterRun: z.string().nullable(),
    /** True when this write created the product (an ERP item the catalog did not know). */
    created: z.boolean(),
  }),
});

/** Every event the catalog subgraph publishes. */
export const publishedEvents = [
  productUpdated,
  conflictRecordedEvent('catalog'),
  inboundOutcomeEvent('catalog'),
] as const;

/** Catalog's side of docs/events.md: it publishes on `catalog` and reads no stream. */
export const contracts: SubgraphContracts = {
  subgraph: 'catalog',
  stream: 'catalog',
  published: publishedEvents,
  consumed: [],
};

/** Builds a validated `catalog.product.updated` envelope about one product (the subject), stamped with `time`. */
export function productUpdatedEvent(
  data: z.input<typeof productUpdated.schema>,
  time: Date,
): EventEnvelope<z.output<typeof productUpdated.schema>> {
  return createEvent(productUpdated, { source: CATALOG_SOURCE, subject: data.sku, data, time });
}
