import { DuplicateKeyError, notFound } from '@fulfillment-mesh/runtime';
import type { PositionChange } from '../domain/index.js';
import type { OperationDoc, OperationStepDoc, PositionDoc } from './models.js';
import type { LedgerContext, PositionWriter } from './position-writer.js';
import type { InventoryStore } from './index.js';

/**
 * Multi-position operations (a shipment commit, a return receipt) made idempotent without transactions: the
 * operation document records its steps once (first writer wins), each step marks its position in the same
 * write as the change (so a retried step is a no-op), the operation is marked DONE, and only then are the
 * markers removed. A redelivered event finds DONE and changes nothing.
 */
export function createOperations(deps: { inventory: InventoryStore; writer: PositionWriter; now: () => Date }) {
  /** The recorded operation `id`, or the one built by `build` when none is recorded yet. */
  async function record(
    id: string,
    build: () => Promise<Pick<OperationDoc, 'kind' | 'reservationId' | 'reference' | 'steps'>>,
  ): Promise<OperationDoc> {
    const found = await deps.inventory.operations.findOne({ _id: id });
    if (found) return found;
    const at = deps.now().toISOString();
    const doc: OperationDoc = { _id: id, state: 'APPLYING', ...(await build()), createdAt: at, updatedAt: at };
    try {
      await deps.inventory.operations.insertOne(doc);
      return doc;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Recorded concurrently by another delivery: its steps are the ones to apply.
      return (await deps.inventory.operations.findOne({ _id: id }))!;
    }
  }

  /** Applies every step of an APPLYING operation, marks it DONE and cleans its markers up. */
  async function run(
    op: OperationDoc,
    plan: (step: OperationStepDoc) => (position: PositionDoc) => PositionChange,
    context: LedgerContext,
  ): Promise<void> {
    if (op.state === 'APPLYING') {
      for (const step of op.steps) {
        const outcome = await deps.writer.change(step.positionId, plan(step), context, op.reservationId);
        if (outcome.kind === 'missing') throw notFound('InventoryPosition', step.positionId);
      }
      await deps.inventory.operations.updateOne(
        { _id: op._id, state: 'APPLYING' },
        { $set: { state: 'DONE', updatedAt: deps.now().toISOString() } },
      );
    }
    for (const step of op.steps) await deps.writer.clearMarker(step.positionId, step.marker);
  }

  return { record, run };
}

/** The operations service. */
export type Operations = ReturnType<typeof createOperations>;
