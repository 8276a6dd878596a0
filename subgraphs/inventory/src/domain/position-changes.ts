import { DomainError, type Filter } from '@fulfillment-mesh/runtime';
import { fieldKey } from './locations.js';
import {
  assertNonNegative,
  delta,
  freeOf,
  isZero,
  returnDelta,
  type LedgerReason,
  type QuantityDelta,
  type ReturnDisposition,
  type StockLevels,
} from './quantities.js';

/**
 * A position as the change planners read it: its quantities, its version, the units each reservation holds
 * there (`holds`, keyed by `fieldKey(reservationId)`) and the markers of multi-step operations already applied
 * to it (`ops`, keyed by `fieldKey(marker)`), which make a retried step a no-op.
 */
export interface PositionState extends StockLevels {
  _id: string;
  version: number;
  holds?: Record<string, number>;
  ops?: Record<string, string>;
}

/** What to do to a position: apply a change (one ledger entry), nothing (already done), or a refused hold. */
export type PositionChange =
  | {
      kind: 'apply';
      delta: QuantityDelta;
      reason: LedgerReason;
      /** Sets (or, with `to: null`, removes) one reservation's hold. */
      hold?: { key: string; to: number | null };
      /** Records that an operation step was applied here. */
      marker?: string;
      /** Extra filter terms that state the invariant in the write itself (besides the version). */
      guard?: Filter;
      /** Other fields written with the change (the provenance of a mastered observation). */
      set?: Record<string, unknown>;
    }
  | { kind: 'noop' }
  | { kind: 'short'; free: number };

/**
 * Holds `quantity` units for a reservation, keeping `buffer` units free for other channels. A repeated hold of
 * the same reservation is a no-op, so a retried workflow step never reserves twice.
 */
export function planHold(
  position: PositionState,
  reservationId: string,
  quantity: number,
  buffer: number,
): PositionChange {
  const key = fieldKey(reservationId);
  const existing = position.holds?.[key];
  if (existing !== undefined) {
    if (existing === quantity) return { kind: 'noop' };
    throw new DomainError(
      'CONFLICT',
      `Reservation "${reservationId}" already holds ${existing} at ${position._id}, not ${quantity}`,
      { entity: 'InventoryPosition', id: position._id },
    );
  }
  const free = freeOf(position);
  if (free < quantity + buffer) return { kind: 'short', free };
  return {
    kind: 'apply',
    delta: delta({ reserved: quantity }),
    reason: 'RESERVED',
    hold: { key, to: quantity },
    guard: { free: { $gte: quantity + buffer }, [`holds.${key}`]: { $exists: false } },
  };
}

/** Gives back everything a reservation holds at the position (nothing to do when it holds nothing). */
export function planRelease(
  position: PositionState,
  reservationId: string,
  reason: 'RELEASED' | 'EXPIRED',
): PositionChange {
  const key = fieldKey(reservationId);
  const held = position.holds?.[key] ?? 0;
  if (held === 0) return { kind: 'noop' };
  return {
    kind: 'apply',
    delta: delta({ reserved: -held }),
    reason,
    hold: { key, to: null },
    guard: { [`holds.${key}`]: held },
  };
}

/**
 * Ships `quantity` units: on-hand drops by all of them, and reserved (with the reservation's hold) by the part
 * the reservation still holds here, at most `fromHold`. Units shipped beyond the hold — the hold expired or was
 * released first — only leave on-hand. Applied once per `marker`; refuses to take on-hand below zero.
 */
export function planCommit(
  position: PositionState,
  reservationId: string | null,
  quantity: number,
  fromHold: number,
  marker: string,
): PositionChange {
  const mark = fieldKey(marker);
  if (position.ops?.[mark] !== undefined) return { kind: 'noop' };
  const key = reservationId === null ? null : fieldKey(reservationId);
  const held = key === null ? 0 : (position.holds?.[key] ?? 0);
  const take = Math.min(held, fromHold, quantity);
  if (position.onHand < quantity) {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid shipped quantity for InventoryPosition "${position._id}": expected at most ${position.onHand} (on hand), received ${quantity}`,
      {
        field: 'quantity',
        entity: 'InventoryPosition',
        id: position._id,
      },
    );
  }
  return {
    kind: 'apply',
    delta: delta({ onHand: -quantity, reserved: -take }),
    reason: 'COMMITTED',
    ...(key !== null && take > 0 ? { hold: { key, to: held - take === 0 ? null : held - take } } : {}),
    marker: mark,
    guard: { [`ops.${mark}`]: { $exists: false } },
  };
}

/**
 * An operator's or adapter's adjustment: compare-and-swap on `expectedVersion` when given (CONFLICT naming
 * both versions), at least one non-zero change, and no quantity may become negative (INVALID_INPUT).
 */
export function planAdjust(
  position: PositionState,
  change: QuantityDelta,
  reason: LedgerReason,
  expectedVersion: number | null,
): PositionChange {
  if (expectedVersion !== null && position.version !== expectedVersion) {
    throw new DomainError(
      'CONFLICT',
      `InventoryPosition "${position._id}" is at version ${position.version}, expected version ${expectedVersion}`,
      {
        entity: 'InventoryPosition',
        id: position._id,
        expectedVersion,
        actualVersion: position.version,
      },
    );
  }
  if (isZero(change))
    throw new DomainError('INVALID_INPUT', 'Invalid delta: expected at least one non-zero change, received none', {
      field: 'delta',
    });
  if (change.reserved !== 0)
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid delta.reserved: expected 0 (only reservations change reserved), received ${change.reserved}`,
      { field: 'delta.reserved' },
    );
  assertNonNegative(position, change, `InventoryPosition "${position._id}"`);
  return { kind: 'apply', delta: change, reason };
}

/** Puts returned units back at the position according to their disposition; applied once per `marker`. */
export function planReturn(
  position: PositionState,
  disposition: ReturnDisposition,
  quantity: number,
  marker: string,
): PositionChange {
  const mark = fieldKey(marker);
  if (position.ops?.[mark] !== undefined) return { kind: 'noop' };
  const { delta: change, reason } = returnDelta(disposition, quantity);
  return { kind: 'apply', delta: change, reason, marker: mark, guard: { [`ops.${mark}`]: { $exists: false } } };
}
