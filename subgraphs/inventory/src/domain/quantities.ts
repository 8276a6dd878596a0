import { DomainError } from '@fulfillment-mesh/runtime';

/** The stock counts of one position that decide what can be promised. */
export interface StockLevels {
  onHand: number;
  reserved: number;
  safetyStock: number;
  damaged: number;
  qualityControl: number;
}

/** One of the counted quantities of a position. */
export type QuantityField = keyof StockLevels;

/** The counted quantities, in the order events and the ledger list them. */
export const QUANTITY_FIELDS: readonly QuantityField[] = [
  'onHand',
  'reserved',
  'safetyStock',
  'damaged',
  'qualityControl',
];

/** A change of every quantity, in units (zero where a quantity does not change). */
export type QuantityDelta = StockLevels;

/** The quantities after a change, with the available they leave. */
export type ResultingQuantities = StockLevels & { available: number };

/** Why a position changed (the reason of a ledger entry, `inventory.position.adjusted`). */
export type LedgerReason =
  | 'RESERVED'
  | 'RELEASED'
  | 'EXPIRED'
  | 'COMMITTED'
  | 'ADJUSTED'
  | 'RECEIVED'
  | 'RESTOCKED'
  | 'DAMAGED'
  | 'QUALITY_CONTROL'
  | 'COUNTED';

/** Every ledger reason (docs/events.md). */
export const LEDGER_REASONS = [
  'RESERVED',
  'RELEASED',
  'EXPIRED',
  'COMMITTED',
  'ADJUSTED',
  'RECEIVED',
  'RESTOCKED',
  'DAMAGED',
  'QUALITY_CONTROL',
  'COUNTED',
] as const satisfies readonly LedgerReason[];

/** What a returned line is fit for once it is back at a location. */
export type ReturnDisposition = 'RESTOCK' | 'DAMAGED' | 'QUALITY_CONTROL';

/**
 * Units that can be promised: on-hand minus what is reserved, held back as safety stock, damaged or in
 * quality control, never negative. The single place this rule lives; channel ATP subtracts its buffer from it.
 */
export function available(stock: StockLevels): number {
  return Math.max(0, freeOf(stock));
}

/**
 * `available` before clamping (may be negative). Positions keep it as the maintained field `free`, so that a
 * single-document filter (`free >= qty`) can guard the invariant "never reserve more than is available".
 */
export function freeOf(stock: StockLevels): number {
  return stock.onHand - stock.reserved - stock.safetyStock - stock.damaged - stock.qualityControl;
}

/** A full delta from the fields given (the others are zero; `-0` becomes `0`, so deltas compare and serialise cleanly). */
export function delta(changes: Partial<QuantityDelta>): QuantityDelta {
  const units = (value: number | undefined) => (value ?? 0) || 0;
  return {
    onHand: units(changes.onHand),
    reserved: units(changes.reserved),
    safetyStock: units(changes.safetyStock),
    damaged: units(changes.damaged),
    qualityControl: units(changes.qualityControl),
  };
}

/** How `free` moves under a delta (the `$inc` that keeps it in step with the quantities). */
export function freeDelta(change: QuantityDelta): number {
  return freeOf(change);
}

/** True when the delta changes nothing. */
export function isZero(change: QuantityDelta): boolean {
  return QUANTITY_FIELDS.every((field) => change[field] === 0);
}

/** The quantities after applying `change`, with their available. */
export function resultingOf(stock: StockLevels, change: QuantityDelta): ResultingQuantities {
  const after = {
    onHand: stock.onHand + change.onHand,
    reserved: stock.reserved + change.reserved,
    safetyStock: stock.safetyStock + change.safetyStock,
    damaged: stock.damaged + change.damaged,
    qualityControl: stock.qualityControl + change.qualityControl,
  };
  return { ...after, available: available(after) };
}

/** The first quantity that `change` would make negative, or null when every quantity stays >= 0. */
export function negativeField(stock: StockLevels, change: QuantityDelta): QuantityField | null {
  return QUANTITY_FIELDS.find((field) => stock[field] + change[field] < 0) ?? null;
}

/**
 * Refuses a delta that would make a quantity negative with INVALID_INPUT naming the field, its current value
 * and the change (e.g. `delta.onHand`: "a change leaving onHand >= 0 (onHand is 3)", received -5).
 */
export function assertNonNegative(stock: StockLevels, change: QuantityDelta, entity: string): void {
  const field = negativeField(stock, change);
  if (field === null) return;
  throw new DomainError(
    'INVALID_INPUT',
    `Invalid delta.${field} for ${entity}: expected a change leaving ${field} >= 0 (${field} is ${stock[field]}), received ${change[field]}`,
    { field: `delta.${field}`, current: stock[field], received: change[field] },
  );
}

/**
 * What receiving returned units does: all of them go back on hand; damaged ones are also counted damaged and
 * the ones to inspect counted in quality control, so that only restocked units become available again.
 */
export function returnDelta(
  disposition: ReturnDisposition,
  quantity: number,
): { delta: QuantityDelta; reason: LedgerReason } {
  switch (disposition) {
    case 'RESTOCK':
      return { delta: delta({ onHand: quantity }), reason: 'RESTOCKED' };
    case 'DAMAGED':
      return { delta: delta({ onHand: quantity, damaged: quantity }), reason: 'DAMAGED' };
    case 'QUALITY_CONTROL':
      return { delta: delta({ onHand: quantity, qualityControl: quantity }), reason: 'QUALITY_CONTROL' };
  }
}
