import type { ImportJob } from '@fulfillment-mesh/connectors';
import type { OutboxFields } from '@fulfillment-mesh/events';
import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';

/** A product as stored: one document per SKU (`_id` = sku). */
export interface ProductDoc extends Doc, OutboxFields {
  sku: string;
  name: string;
  /** Lower-cased name, kept for case-insensitive search without regex flags. */
  nameLower: string;
  description: string | null;
  brand: string | null;
  category: string;
  unitOfMeasure: string;
  /** The business unit that sells the item (the ERP item master's); absent on older items: `default`. */
  businessUnit?: string;
  price: { amount: string; currencyCode: string };
  status: 'ACTIVE' | 'DISCONTINUED';
  attributes: { name: string; value: string }[];
  updatedAt: string;
  /** Which system set each mastered field group (`price`, `uom`, `status`, `content`). */
  provenance: ProvenanceMap;
}

/** An import job as the graph reads it (`id` = the job document's `_id`). */
export type ImportJobView = ImportJob & { id: string };
