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
    if (input.skus.length > MAX_SKUS) throw invalidInput('filter.skus', `at most ${MAX_SKUS} SKUs`, `${input.skus.length} SKUs`);
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
