import { applyMastered, type ConflictLog, type MasteringRules, type RefusalCode } from '@fulfillment-mesh/connectors';
import { notFound, type Provenance } from '@fulfillment-mesh/runtime';
import {
  freeOf,
  planObservedOnHand,
  positionId,
  type LedgerReason,
  type ObservationVerdict,
  type OnHandChange,
} from '../domain/index.js';
import type { LocationDoc, PositionDoc } from '../store/models.js';
import type { PositionWriter } from '../store/position-writer.js';
import type { InventoryStore } from '../store/index.js';

/** An on-hand observation from an external system, as the adapters map it. */
export interface OnHandObservation {
  sku: string;
  locationId: string;
  change: OnHandChange;
  reason: LedgerReason;
  /** Source (`wms:dc-east`), its sequence, when it observed the value, and the adapter run. */
  provenance: Provenance;
  reference: { type: string; id: string } | null;
  actor: string;
}

/** What an observation did to its position. */
export type ObservationOutcome =
  | { status: 'applied'; position: PositionDoc; shortfall: number }
  | { status: 'duplicate' }
  | { status: 'refused'; code: RefusalCode; reason: string; conflictId: string };

/** In-transit stock reported by the ERP. */
export interface IncomingObservation {
  sku: string;
  locationId: string;
  quantity: number;
  expectedAt: string | null;
  provenance: Provenance;
}

/** What the observed-stock service needs. */
export interface ObservedStockDeps {
  inventory: InventoryStore;
  writer: PositionWriter;
  conflicts: ConflictLog;
  rules: MasteringRules;
  now: () => Date;
}

const ENTITY = 'positions';

/**
 * Mastered writes to positions from external systems. On-hand goes through the position writer (one ledger
 * entry, the reservation guard, compare-and-swap on the version) with the mastering decision taken on the
 * same read the write is guarded by; refused writes and on-hand that would have dropped below reserved are
 * kept in the conflict log. In-transit stock is not a ledger quantity, so it is written with `applyMastered`.
 */
export function createObservedStock(deps: ObservedStockDeps) {
  const location = async (id: string): Promise<LocationDoc> => {
    const [found] = await deps.inventory.locationsByIds([id]);
    if (!found) throw notFound('Location', id);
    return found;
  };

  async function observeOnHand(observation: OnHandObservation): Promise<ObservationOutcome> {
    const at = await location(observation.locationId);
    const id = positionId(observation.sku, observation.locationId);
    const context = { locationKind: at.kind };
    const refused = async (
      verdict: Extract<ObservationVerdict, { kind: 'refuse' }>,
      current: Provenance | null,
    ): Promise<ObservationOutcome> => {
      const conflict = await deps.conflicts.record({
        entity: ENTITY,
        entityId: id,
        fieldGroup: 'onHand',
        incoming: observation.provenance,
        current,
        code: verdict.code,
        reason: verdict.reason,
        context,
      });
      return { status: 'refused', code: verdict.code, reason: verdict.reason, conflictId: conflict._id };
    };

    // A refused write must not even create an empty position, so an unknown position is judged before it exists.
    if (!(await deps.inventory.positions.findOne({ _id: id }))) {
      const empty = { _id: id, onHand: 0, reserved: 0, safetyStock: 0, damaged: 0, qualityControl: 0, version: 0 };
      const { verdict } = planObservedOnHand(
        empty,
        observation.change,
        observation.reason,
        observation.provenance,
        deps.rules,
        at.kind,
        at.id,
      );
      if (verdict.kind === 'refuse') return refused(verdict, null);
      await deps.writer.ensure(observation.sku, at);
    }

    let verdict: ObservationVerdict = { kind: 'duplicate' };
    let current: Provenance | null = null;
    const outcome = await deps.writer.change(
      id,
      (position) => {
        const planned = planObservedOnHand(
          position,
          observation.change,
          observation.reason,
          observation.provenance,
          deps.rules,
          at.kind,
          at.id,
        );
        verdict = planned.verdict;
        current = position.provenance?.onHand ?? null;
        return planned.change;
      },
      { reference: observation.reference, source: observation.provenance.source, actor: observation.actor },
    );
    if (outcome.kind === 'missing') throw notFound('InventoryPosition', id);
    const decided = verdict as ObservationVerdict;
    if (decided.kind === 'refuse') return refused(decided, current);
    if (decided.kind === 'duplicate' || outcome.kind !== 'applied') return { status: 'duplicate' };
    if (decided.shortfall > 0) {
      await deps.conflicts.record({
        entity: ENTITY,
        entityId: id,
        fieldGroup: 'onHand',
        incoming: observation.provenance,
        current,
        code: 'needs-review',
        reason: `needs review: ${observation.provenance.source} reported ${decided.onHand - decided.shortfall} on hand but ${decided.onHand} are reserved; onHand kept at ${decided.onHand} (${decided.shortfall} units short)`,
        context,
      });
    }
    return { status: 'applied', position: outcome.position, shortfall: decided.shortfall };
  }

  /** Writes the ERP's in-transit quantity where the rules let it (refusals land in the conflict log). */
  async function observeIncoming(observation: IncomingObservation): Promise<{ applied: boolean; reason: string }> {
    const at = await location(observation.locationId);
    const id = positionId(observation.sku, observation.locationId);
    const now = deps.now().toISOString();
    const empty = { onHand: 0, reserved: 0, safetyStock: 0, damaged: 0, qualityControl: 0 };
    const result = await applyMastered(deps.inventory.positions, {
      id,
      fieldGroup: 'incoming',
      set: { incoming: { quantity: observation.quantity, expectedAt: observation.expectedAt }, updatedAt: now },
      incoming: observation.provenance,
      rules: deps.rules,
      context: { locationKind: at.kind },
      conflicts: deps.conflicts,
      insert: { sku: observation.sku, locationId: at.id, ...empty, free: freeOf(empty), holds: {}, version: 1 },
    });
    return { applied: result.applied, reason: result.decision.reason };
  }

  return { observeOnHand, observeIncoming };
}

/** The observed-stock service. */
export type ObservedStock = ReturnType<typeof createObservedStock>;
