import { DuplicateKeyError, type Provenance } from '@fulfillment-mesh/runtime';
import { checkSameSubmission, cleanPlaceOrder, newOrderDoc, priceLines, submittedOrder, validatePlaceOrder, type PlaceOrderInput } from '../domain/place-order.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';
import type { ReservationSteps } from './reservations.js';

/** What placeOrder answers: the order, and whether this call created it (false for a duplicate). */
export interface PlaceOrderResult {
  order: OrderDoc;
  created: boolean;
}

/**
 * The placeOrder workflow. Steps: validate the submission; return the existing order for a duplicate; check
 * and price the lines with the catalog; insert the order (PENDING_VALIDATION, unique indexes settle concurrent
 * duplicates); reserve through inventory under the order's key; record the outcome. When inventory cannot
 * be reached the order is handed to the backbone instead (degraded mode). A process that dies after the insert
 * leaves a PENDING_VALIDATION order that the sweeper resumes from that step (see sweeper.ts).
 */
export function createPlaceOrder(deps: ProcessDeps, steps: ReservationSteps) {
  /** `origin`: provenance of the content when an adapter places the order (see newOrderDoc); default the channel, now. */
  return async function placeOrder(submitted: PlaceOrderInput, idempotencyKey: string | null = null, origin: Provenance | null = null): Promise<PlaceOrderResult> {
    const input = cleanPlaceOrder(submitted);
    const drafts = validatePlaceOrder(input, idempotencyKey);
    const request = submittedOrder(input, drafts);
    // Same key or same (channel, externalId): the original answer only for the same content, else CONFLICT.
    const duplicateOf = (earlier: OrderDoc): PlaceOrderResult => {
      checkSameSubmission(earlier, request);
      return { order: earlier, created: false };
    };
    const earlier = await deps.store.findDuplicate(input.channel, input.externalId, idempotencyKey);
    if (earlier) return duplicateOf(earlier);
    const lines = priceLines(drafts, await deps.catalog.products(drafts.map((d) => d.sku)));
    const doc = newOrderDoc({ id: deps.newId('O'), input, lines, idempotencyKey, at: deps.now().toISOString(), origin, request });
    try {
      await deps.store.orders.insertOne(doc);
    } catch (error) {
      // A concurrent duplicate won the unique index: answer with its order (insert first, then read back).
      const winner = error instanceof DuplicateKeyError ? await deps.store.findDuplicate(input.channel, input.externalId, idempotencyKey) : null;
      if (winner) return duplicateOf(winner);
      throw error;
    }
    return { order: await steps.reserve(doc), created: true };
  };
}
