import { notFound } from '@fulfillment-mesh/runtime';
import {
  delta,
  planAdjust,
  planReturn,
  positionId,
  type LedgerReason,
  type QuantityDelta,
  type ReturnDisposition,
} from '../domain/index.js';
import type { PositionDoc } from '../store/models.js';
import type { Operations } from '../store/operations.js';
import type { PositionWriter } from '../store/position-writer.js';
import type { InventoryStore } from '../store/index.js';

/** An adjustment as `adjustInventory` takes it. */
export interface AdjustmentRequest {
  sku: string;
  locationId: string;
  delta: Partial<Omit<QuantityDelta, 'reserved'>>;
  reason: LedgerReason;
  reference: { type: string; id: string } | null;
  expectedVersion: number | null;
  source: string;
  actor: string;
}

/** Returned units received at a location (`orders.return.received`). */
export interface ReturnReceipt {
  returnId: string;
  locationId: string;
  lines: readonly { lineId: string; sku: string; quantity: number; disposition: ReturnDisposition }[];
}

/** Stock changes that are not reservations: operator adjustments and return receipts. */
export function createStockService(deps: {
  inventory: InventoryStore;
  writer: PositionWriter;
  operations: Operations;
}) {
  const location = async (id: string) => {
    const [found] = await deps.inventory.locationsByIds([id]);
    if (!found) throw notFound('Location', id);
    return found;
  };

  /**
   * Adjusts one position (creating it, empty, at a known location when the change only adds). Compare-and-swap
   * on `expectedVersion` when given; never leaves a quantity negative.
   */
  async function adjust(request: AdjustmentRequest): Promise<PositionDoc> {
    const id = positionId(request.sku, request.locationId);
    const change = delta(request.delta);
    if (Object.values(change).every((units) => units >= 0))
      await deps.writer.ensure(request.sku, await location(request.locationId));
    const outcome = await deps.writer.change(
      id,
      (position) => planAdjust(position, change, request.reason, request.expectedVersion),
      request,
    );
    if (outcome.kind === 'missing') throw notFound('InventoryPosition', id);
    return outcome.position;
  }

  /** Puts returned units back at the receiving location, one ledger entry per line, once per return. */
  async function receiveReturn(receipt: ReturnReceipt): Promise<void> {
    const id = `return:${receipt.returnId}`;
    const op = await deps.operations.record(id, async () => {
      const at = await location(receipt.locationId);
      for (const sku of new Set(receipt.lines.map((l) => l.sku))) await deps.writer.ensure(sku, at);
      const steps = receipt.lines.map((line, index) => ({
        sku: line.sku,
        locationId: receipt.locationId,
        quantity: line.quantity,
        fromHold: 0,
        disposition: line.disposition,
        positionId: positionId(line.sku, receipt.locationId),
        marker: `${id}#${index}`,
      }));
      return { kind: 'return', reservationId: null, reference: { type: 'RETURN', id: receipt.returnId }, steps };
    });
    await deps.operations.run(
      op,
      (step) => (position) => planReturn(position, step.disposition ?? 'RESTOCK', step.quantity, step.marker),
      {
        reference: op.reference,
        source: 'orders',
        actor: 'system:returns',
      },
    );
  }

  return { adjust, receiveReturn };
}

/** The stock service. */
export type StockService = ReturnType<typeof createStockService>;
