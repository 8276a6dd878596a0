import { applyMastered, type ApplyMasteredResult } from '@fulfillment-mesh/connectors';
import { invalidInput, type Provenance } from '@fulfillment-mesh/runtime';
import { shipmentsMastering } from '../mastering.js';
import type { MoneyDoc, ShipmentDoc } from '../store/models.js';
import { shipmentNotFound, type WorkflowDeps } from './common.js';

/** A freight cost as the TMS or ERP reports it for one shipment. */
export interface FreightCostInput {
  shipmentId: string;
  /** A decimal string with up to 4 fraction digits, e.g. `"18.40"` (never a float). */
  amount: string;
  /** ISO-4217, e.g. `USD`. */
  currencyCode: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Validates a freight cost; INVALID_INPUT naming the field. */
export function validFreightCost(input: FreightCostInput): MoneyDoc {
  if (!AMOUNT.test(input.amount))
    throw invalidInput('amount', 'a non-negative decimal string with up to 4 fraction digits', input.amount);
  if (!CURRENCY.test(input.currencyCode))
    throw invalidInput('currencyCode', 'an ISO-4217 code such as USD', input.currencyCode);
  return { amount: input.amount, currencyCode: input.currencyCode };
}

/**
 * recordFreightCost: sets a shipment's freight cost through the mastering rules (`freightCost`: TMS, then ERP).
 * A write from any other source, or older than the applied one from the same source, changes nothing and is
 * recorded as a conflict (the result says which). Freight cost publishes no event: nothing downstream reads it.
 */
export async function recordFreightCost(
  deps: WorkflowDeps,
  input: FreightCostInput,
  origin: Provenance,
): Promise<ApplyMasteredResult<ShipmentDoc>> {
  const freightCost = validFreightCost(input);
  const doc = await deps.shipments.get(input.shipmentId);
  if (!doc || doc.splitPending) throw shipmentNotFound(input.shipmentId);
  return applyMastered(deps.shipments.collection, {
    id: doc._id,
    fieldGroup: 'freightCost',
    set: { freightCost, updatedAt: deps.now().toISOString() },
    inc: { version: 1 },
    incoming: origin,
    rules: shipmentsMastering,
    conflicts: deps.conflicts,
  });
}
