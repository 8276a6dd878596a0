import { compareVersions, decide, type MasteringRules, type RefusalCode } from '@fulfillment-mesh/connectors';
import type { Provenance, ProvenanceMap } from '@fulfillment-mesh/runtime';
import { fieldKey } from './locations.js';
import type { PositionChange, PositionState } from './position-changes.js';
import { delta, type LedgerReason } from './quantities.js';

/** What an external system says about a position's on-hand: an absolute count, or a movement of units. */
export type OnHandChange = { kind: 'set'; onHand: number } | { kind: 'delta'; onHand: number };

/** A position as the observation planner reads it: quantities, provenance and the per-source sequences seen. */
export interface ObservedPosition extends PositionState {
  provenance?: ProvenanceMap;
  /** The highest sequence applied per source for `onHand`, by `fieldKey(source)`. */
  onHandSequences?: Record<string, string>;
}

/** What the planner decided besides the position change. */
export type ObservationVerdict =
  /** `shortfall` > 0: the source asked for fewer units than are reserved; onHand stopped at reserved. */
  | { kind: 'apply'; onHand: number; shortfall: number }
  /** The same source already applied this sequence: nothing changes, nothing is logged. */
  | { kind: 'duplicate' }
  | { kind: 'refuse'; code: RefusalCode; reason: string };

/**
 * Plans an on-hand observation from an external system (WMS, POS, or the ERP where the rules allow it):
 * 0. a location's own system (`wms:<locationId>`, `pos:<locationId>`) writes only that location;
 * 1. the mastering rules decide (non-authoritative source, or stale against the current provenance → refuse);
 *    the same source repeating the sequence it applied last is a duplicate, not a conflict;
 * 2. the source's own high-water sequence is checked too, so a source cannot go back in time even after
 *    another authoritative source wrote in between;
 * 3. the resulting on-hand never drops below `reserved` (reservations were promised to customers): the
 *    difference is the `shortfall`, for a person to review.
 * The change records the new provenance and sequence in the same write as the quantity (and its ledger entry).
 * Pure: the caller writes the change through the position writer and logs refusals and shortfalls.
 */
export function planObservedOnHand(
  position: ObservedPosition,
  change: OnHandChange,
  reason: LedgerReason,
  incoming: Provenance,
  rules: MasteringRules,
  locationKind: string,
  locationId: string,
): { change: PositionChange; verdict: ObservationVerdict } {
  const noop = (verdict: ObservationVerdict) => ({ change: { kind: 'noop' } as const, verdict });
  const foreign = foreignLocation(incoming.source, locationId);
  if (foreign) return noop({ kind: 'refuse', code: 'non-authoritative', reason: foreign });
  const current = position.provenance?.onHand ?? null;
  const decision = decide(rules, { fieldGroup: 'onHand', context: { locationKind }, incoming, current });
  const key = fieldKey(incoming.source);
  const seen =
    position.onHandSequences?.[key] ?? (current?.source === incoming.source ? current.sourceVersion : undefined);
  if (
    seen !== undefined &&
    compareVersions(incoming.sourceVersion, seen) === 0 &&
    (decision.outcome === 'apply' || decision.code !== 'non-authoritative')
  )
    return noop({ kind: 'duplicate' });
  if (decision.outcome === 'refuse') return noop({ kind: 'refuse', code: decision.code, reason: decision.reason });
  if (seen !== undefined && compareVersions(incoming.sourceVersion, seen) < 0) {
    return noop({
      kind: 'refuse',
      code: 'stale',
      reason: `stale: version ${incoming.sourceVersion} ≤ applied ${seen} from ${incoming.source}`,
    });
  }

  const wanted = change.kind === 'set' ? change.onHand : position.onHand + change.onHand;
  const onHand = Math.max(wanted, position.reserved);
  return {
    change: {
      kind: 'apply',
      delta: delta({ onHand: onHand - position.onHand }),
      reason,
      set: { 'provenance.onHand': incoming, [`onHandSequences.${key}`]: incoming.sourceVersion },
    },
    verdict: { kind: 'apply', onHand, shortfall: onHand - wanted },
  };
}

/**
 * Why `source` may not write `locationId` although its kind of system may (`wms:dc-west` at DC-EAST), or null.
 * Location-bound sources are named `<system>:<locationId>`, compared case-insensitively (`wms:dc-east` is the
 * WMS of DC-EAST).
 */
export function foreignLocation(source: string, locationId: string): string | null {
  const match = /^(wms|pos):(.+)$/.exec(source);
  if (!match || match[2]!.toLowerCase() === locationId.toLowerCase()) return null;
  return `non-authoritative source: ${source} is the ${match[1]!.toUpperCase()} of ${match[2]}, not of ${locationId}`;
}
