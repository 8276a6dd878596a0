import { randomUUID } from 'node:crypto';
import { importCsv, type MasteringRules } from '@fulfillment-mesh/connectors';
import { newOutbox } from '@fulfillment-mesh/events';
import { isDomainError, type Provenance } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { beyondTolerance, checkTolerance, planObservedOnHand, positionId, type Tolerance } from '../domain/index.js';
import type { DiscrepancyDoc, LocationDoc, PositionDoc, ReconciliationRunDoc } from '../store/models.js';
import { inventoryEvent, reconciliationCompleted } from '../events/contracts.js';
import type { ObservedStock } from './observed-stock.js';
import type { InventoryStore } from '../store/index.js';

/** The ERP's on-hand export: one row per (sku, location), with the ERP's row version and when it was true. */
const erpRow = z.object({
  sku: z.string().min(1),
  locationId: z.string().min(1),
  onHand: z.coerce.number().int().min(0),
  version: z.string().min(1),
  observedAt: z.iso.datetime({ offset: true }),
  // Optional columns: the ERP masters in-transit stock, so these are applied where they differ.
  inTransit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).optional()),
  expectedAt: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
  ),
});
type ErpRow = z.output<typeof erpRow> & { line: number };

const COLUMNS = {
  sku: ['sku', 'item', 'item no'],
  locationId: ['location_id', 'location', 'warehouse'],
  onHand: ['on_hand', 'qty on hand'],
  version: ['version', 'row version'],
  observedAt: ['observed_at', 'as of'],
  inTransit: ['in_transit'],
  expectedAt: ['expected_at'],
};

/** Options of one reconciliation. */
export interface ReconcileOptions {
  tolerance: Tolerance;
  /** The run id (also each applied value's `adapterRun`); default a new UUID. */
  runId?: string;
}

/**
 * Reconciles the mesh with an ERP on-hand snapshot (CSV `sku,location_id,on_hand,version,observed_at`, plus
 * optional `in_transit,expected_at`): compares every (sku, location) with the mesh's position, reports each
 * field whose difference is beyond the tolerance, and corrects it only where the mastering rules make the
 * ERP authoritative for that field there (in-transit everywhere; on-hand nowhere under the default rules,
 * since the WMS and the POS count it). Corrections go through the same mastered writes as the WMS adapter.
 * The report is stored in `reconciliationRuns` and returned; bad rows are listed in it, never fatal.
 */
export function createReconciler(deps: {
  inventory: InventoryStore;
  observed: ObservedStock;
  rules: MasteringRules;
  now: () => Date;
}) {
  async function reconcileErpSnapshot(csv: string | Buffer, options: ReconcileOptions): Promise<ReconciliationRunDoc> {
    const tolerance = checkTolerance(options.tolerance);
    const runId = options.runId ?? randomUUID();
    const at = deps.now().toISOString();
    const rows: ErpRow[] = [];
    const imported = await importCsv(csv, {
      columns: COLUMNS,
      optional: ['inTransit', 'expectedAt'],
      schema: erpRow,
      onRow: (row, line) => void rows.push({ ...row, line }),
    });
    const errors = [...imported.errors];

    const locations = new Map(
      (await deps.inventory.locationsByIds([...new Set(rows.map((r) => r.locationId))])).map((l) => [l.id, l]),
    );
    const known = rows.filter((row) => {
      if (locations.has(row.locationId)) return true;
      errors.push({ row: row.line, message: `unknown location "${row.locationId}"` });
      return false;
    });
    const positions = new Map(
      (await deps.inventory.positionsByIds(known.map((r) => positionId(r.sku, r.locationId)))).map((p) => [p._id, p]),
    );

    const discrepancies: DiscrepancyDoc[] = [];
    const seen = new Set<string>();
    for (const row of known) {
      const id = positionId(row.sku, row.locationId);
      if (seen.has(id)) {
        errors.push({ row: row.line, message: `duplicate row for ${id}` });
        continue;
      }
      seen.add(id);
      const location = locations.get(row.locationId)!;
      const position = positions.get(id) ?? null;
      const provenance: Provenance = {
        source: 'erp',
        sourceVersion: row.version,
        observedAt: row.observedAt,
        adapterRun: runId,
      };
      const found = (
        field: DiscrepancyDoc['field'],
        erpValue: number,
        meshValue: number,
        action: DiscrepancyDoc['action'],
        reason: string,
      ) =>
        discrepancies.push({
          sku: row.sku,
          locationId: row.locationId,
          field,
          erpValue,
          meshValue,
          difference: erpValue - meshValue,
          action,
          reason,
        });

      const meshOnHand = position?.onHand ?? 0;
      if (beyondTolerance(row.onHand, meshOnHand, tolerance)) {
        const [action, reason] = await correctOnHand(row, location, position, provenance, runId);
        found('onHand', row.onHand, meshOnHand, action, reason);
      }
      if (row.inTransit !== undefined) {
        const meshIncoming = position?.incoming?.quantity ?? 0;
        if (beyondTolerance(row.inTransit, meshIncoming, tolerance)) {
          const expectedAt = row.expectedAt ? new Date(row.expectedAt).toISOString() : null;
          const result = await deps.observed.observeIncoming({
            sku: row.sku,
            locationId: row.locationId,
            quantity: row.inTransit,
            expectedAt,
            provenance,
          });
          found('incoming', row.inTransit, meshIncoming, result.applied ? 'CORRECTED' : 'REPORTED', result.reason);
        }
      }
    }

    errors.sort((a, b) => a.row - b.row);
    const run: ReconciliationRunDoc = {
      _id: runId,
      at,
      source: 'erp',
      tolerance,
      rows: rows.length + imported.errors.filter((e) => e.row > 1).length,
      compared: seen.size,
      corrected: discrepancies.filter((d) => d.action === 'CORRECTED').length,
      reported: discrepancies.filter((d) => d.action === 'REPORTED').length,
      discrepancies,
      errors,
    };
    // The run's outcome per SKU travels in its own outbox (same insert) for the RECONCILIATION_DRIFT exceptions.
    const onHand = discrepancies.filter((d) => d.field === 'onHand');
    const drifting = new Set(onHand.map((d) => d.sku));
    const clean = [...new Set(known.map((r) => r.sku))].filter((sku) => !drifting.has(sku)).sort();
    const drifted = onHand.map((d) => ({
      sku: d.sku,
      locationId: d.locationId,
      difference: d.difference,
      action: d.action,
    }));
    const event = inventoryEvent(
      reconciliationCompleted,
      runId,
      { runId, source: 'erp', drifted, clean },
      new Date(at),
    );
    await deps.inventory.reconciliationRuns.insertOne({ ...run, ...newOutbox([event]) } as ReconciliationRunDoc);
    return run;
  }

  /** Applies the ERP's count where it masters on-hand; otherwise says why it is only reported. */
  async function correctOnHand(
    row: ErpRow,
    location: LocationDoc,
    position: PositionDoc | null,
    provenance: Provenance,
    runId: string,
  ): Promise<[DiscrepancyDoc['action'], string]> {
    const state = position ?? {
      _id: positionId(row.sku, row.locationId),
      onHand: 0,
      reserved: 0,
      safetyStock: 0,
      damaged: 0,
      qualityControl: 0,
      version: 0,
    };
    const { verdict } = planObservedOnHand(
      state,
      { kind: 'set', onHand: row.onHand },
      'COUNTED',
      provenance,
      deps.rules,
      location.kind,
      location.id,
    );
    // Judged first so that a field the ERP does not master is reported without filling the conflict log.
    if (verdict.kind === 'refuse') return ['REPORTED', verdict.reason];
    if (verdict.kind === 'duplicate') return ['REPORTED', `version ${row.version} from erp was applied before`];
    try {
      const outcome = await deps.observed.observeOnHand({
        sku: row.sku,
        locationId: row.locationId,
        change: { kind: 'set', onHand: row.onHand },
        reason: 'COUNTED',
        provenance,
        reference: { type: 'RECONCILIATION', id: runId },
        actor: 'system:reconciliation',
      });
      if (outcome.status === 'refused') return ['REPORTED', outcome.reason];
      if (outcome.status === 'duplicate') return ['REPORTED', `version ${row.version} from erp was applied before`];
      return [
        'CORRECTED',
        outcome.shortfall > 0
          ? `applied; kept at reserved (${outcome.shortfall} units short, see the conflict log)`
          : 'applied: erp masters onHand here',
      ];
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return ['REPORTED', error.message];
    }
  }

  return { reconcileErpSnapshot };
}

/** The reconciliation service. */
export type Reconciler = ReturnType<typeof createReconciler>;
