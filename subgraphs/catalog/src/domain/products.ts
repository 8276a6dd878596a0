import { invalidInput } from '@fulfillment-mesh/runtime';
import type { Filter } from '@fulfillment-mesh/runtime';

/** A validated product filter as the client sent it. */
export interface ProductFilterInput {
  category?: string | null;
  brand?: string | null;
  status?: 'ACTIVE' | 'DISCONTINUED' | null;
  skus?: readonly string[] | null;
  search?: string | null;
}

const MAX_SKUS = 500;
const MAX_SEARCH = 100;

/** Translates a client filter into a store filter; throws INVALID_INPUT naming the offending field. */
export function productFilter(input: ProductFilterInput | null | undefined, afterSku: string | null): Filter {
  const filter: Filter = {};
  if (input?.category) filter.category = input.category;
  if (input?.brand) filter.brand = input.brand;
  if (input?.status) filter.status = input.status;
  if (input?.skus) {
    if (input.skus.length > MAX_SKUS)
      throw invalidInput('filter.skus', `at most ${MAX_SKUS} SKUs`, `${input.skus.length} SKUs`);
    filter._id = { $in: [...input.skus] };
  }
  if (input?.search != null) {
    const term = input.search.trim().toLowerCase();
    if (term.length === 0 || term.length > MAX_SEARCH) {
      throw invalidInput('filter.search', `1 to ${MAX_SEARCH} characters`, input.search);
    }
    filter.nameLower = { $regex: new RegExp(escapeRegExp(term)) };
  }
  if (afterSku !== null) filter._id = { ...(filter._id as object | undefined), $gt: afterSku };
  return filter;
}

/** Escapes a user string for literal use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `amount` is a non-negative decimal string with at most four fraction digits. */
export function isDecimalAmount(amount: string): boolean {
  return /^\d{1,12}(\.\d{1,4})?$/.test(amount);
}

/** Placeholder category of a product the ERP created before the PIM described it. */
export const UNCATEGORIZED = 'uncategorized';

/** What a source says about itself on every write (stored as the field group's provenance). */
export interface SourceStamp {
  /** `erp`, `pim`, … (see mastering.ts). */
  source: string;
  /** The source's own version or sequence of this record. */
  sourceVersion: string;
  /** When the source observed the value (ISO-8601). */
  observedAt: string;
  /** The adapter run that carried the write, e.g. one CSV import. */
  adapterRun?: string;
}

/** Merchandising content, the PIM's field group. */
export interface ProductContent {
  name: string;
  description: string | null;
  brand: string | null;
  category: string;
  attributes: { name: string; value: string }[];
}

/** The changes one inbound update brings, by field group; absent groups are left alone. */
export interface ProductChanges {
  content?: ProductContent;
  price?: { amount: string; currencyCode: string };
  uom?: string;
  status?: 'ACTIVE' | 'DISCONTINUED';
  /** The item's business unit, written with `status` (the ERP masters both); absent: left as it is. */
  businessUnit?: string;
}

/** Checks a write's stamp and values; throws INVALID_INPUT naming the first offending field. */
export function validateProductUpdate(sku: string, stamp: SourceStamp, changes: ProductChanges): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/.test(sku))
    throw invalidInput('sku', '1 to 64 letters, digits, ".", "_", "-" or "/"', sku);
  if (!stamp.source.trim()) throw invalidInput('source', 'a source name', stamp.source);
  if (!stamp.sourceVersion.trim()) throw invalidInput('version', 'a non-empty source version', stamp.sourceVersion);
  if (Number.isNaN(Date.parse(stamp.observedAt)))
    throw invalidInput('observedAt', 'an ISO-8601 time', stamp.observedAt);
  const { content, price, uom } = changes;
  if (price) {
    if (!isDecimalAmount(price.amount))
      throw invalidInput('price', 'a non-negative decimal with at most 4 fraction digits', price.amount);
    if (!/^[A-Z]{3}$/.test(price.currencyCode))
      throw invalidInput('currency', 'an ISO-4217 code such as USD', price.currencyCode);
  }
  if (uom !== undefined && !/^[A-Z0-9]{1,10}$/.test(uom))
    throw invalidInput('uom', 'a unit code such as EA, CS or BX', uom);
  if (content) {
    if (!content.name.trim() || content.name.length > 200)
      throw invalidInput('name', '1 to 200 characters', content.name);
    if (!content.category.trim()) throw invalidInput('category', 'a non-empty category', content.category);
  }
}

/** The document fields a field group's write sets (besides its provenance). */
export function fieldsOf(
  group: keyof ProductChanges,
  changes: ProductChanges,
  at: string,
): Record<string, unknown> | null {
  switch (group) {
    case 'content': {
      const c = changes.content;
      return c
        ? {
            name: c.name,
            nameLower: c.name.toLowerCase(),
            description: c.description,
            brand: c.brand,
            category: c.category,
            attributes: c.attributes,
            updatedAt: at,
          }
        : null;
    }
    case 'price':
      return changes.price ? { price: changes.price, updatedAt: at } : null;
    case 'uom':
      return changes.uom !== undefined ? { unitOfMeasure: changes.uom, updatedAt: at } : null;
    case 'status':
      return changes.status
        ? {
            status: changes.status,
            ...(changes.businessUnit ? { businessUnit: changes.businessUnit } : {}),
            updatedAt: at,
          }
        : null;
    case 'businessUnit':
      return null; // not a field group of its own: written with `status`
  }
}

/**
 * The fields of a product the ERP item master creates before the PIM has described it: the SKU as its name, no
 * description or brand, category `uncategorized`, no attributes and no `content` provenance (so the PIM's first
 * write applies as a first value). Price, unit and status come from the ERP row itself.
 */
export function placeholderProduct(sku: string, changes: ProductChanges, at: string): Record<string, unknown> {
  return {
    sku,
    name: sku,
    nameLower: sku.toLowerCase(),
    description: null,
    brand: null,
    category: UNCATEGORIZED,
    attributes: [],
    unitOfMeasure: changes.uom ?? 'EA',
    price: changes.price ?? { amount: '0', currencyCode: 'USD' },
    status: changes.status ?? 'ACTIVE',
    ...(changes.businessUnit ? { businessUnit: changes.businessUnit } : {}),
    updatedAt: at,
  };
}
