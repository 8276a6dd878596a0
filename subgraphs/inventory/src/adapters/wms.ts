import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  createWebhookHandler,
  externalId,
  hexHmacVerifier,
  parseJson,
  UnprocessableDocumentError,
  type ConnectorMetrics,
  type InboundStores,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import type { Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { positionId, type LedgerReason, type OnHandChange } from '../domain/index.js';
import type { ObservationOutcome, ObservedStock, OnHandObservation } from '../workflows/observed-stock.js';
import type { InventoryStore } from '../store/index.js';

/** The header the WMS signs with: hex HMAC-SHA256 of the raw body under `WMS_WEBHOOK_SECRET`. */
export const WMS_SIGNATURE_HEADER = 'X-WMS-Signature';

const REASONS = [
  'ADJUSTED',
  'RECEIVED',
  'COUNTED',
  'DAMAGED',
  'QUALITY_CONTROL',
] as const satisfies readonly LedgerReason[];
const reason = z
  .string()
  .transform((r) => r.toUpperCase().replace(/[\s-]+/g, '_'))
  .pipe(z.enum(REASONS))
  .optional();
const sku = z.string().min(1);
const locationId = z
  .string()
  .min(1)
  .refine((id) => !id.includes('@'), 'a location id without "@"');

const adjustmentLine = z
  .object({ sku, locationId, delta: z.number().int().optional(), onHand: z.number().int().min(0).optional(), reason })
  .refine(
    (l) => (l.delta === undefined) !== (l.onHand === undefined),
    'each adjustment needs exactly one of delta and onHand',
  );
const snapshotLine = z.object({ sku, locationId, onHand: z.number().int().min(0), reason });

const envelope = <L extends z.ZodType>(line: L) =>
  z.object({
    // WMS and store POS systems post the same format; the mastering rules decide which of them is heard where.
    source: z.string().regex(/^(wms|pos):[A-Za-z0-9._-]+$/, 'wms:<locationId> or pos:<locationId>'),
    sequence: externalId.refine((s) => /^\d+$/.test(s), 'a non-negative integer'),
    observedAt: z.iso.datetime({ offset: true }),
    adjustments: z.array(line).min(1),
  });
const adjustmentsDoc = envelope(adjustmentLine);
const snapshotDoc = envelope(snapshotLine);
type WmsDocument = z.output<typeof adjustmentsDoc>;

/** What one WMS document did, position by position. */
export interface WmsResult {
  applied: number;
  duplicates: number;
  refused: number;
  /** Positions where the WMS reported fewer units than are reserved (kept at reserved; in the conflict log). */
  shortfalls: number;
}

/**
 * Maps a WMS document to one observation per position: lines of the same position are folded (deltas add up;
 * two absolute counts, or a count and a delta, for one position cannot be ordered and make the document
 * unprocessable). Unknown locations make it unprocessable too, before anything is applied, so a re-drive
 * after the location exists applies the whole document.
 */
async function toObservations(
  doc: WmsDocument,
  kind: 'adjustment' | 'snapshot',
  inventory: InventoryStore,
): Promise<OnHandObservation[]> {
  const ids = [...new Set(doc.adjustments.map((l) => l.locationId))];
  const found = new Set((await inventory.locationsByIds(ids)).map((l) => l.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length)
    throw new UnprocessableDocumentError(`unknown location${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);

  const byPosition = new Map<string, OnHandObservation>();
  for (const line of doc.adjustments) {
    const id = positionId(line.sku, line.locationId);
    const change: OnHandChange =
      line.onHand !== undefined ? { kind: 'set', onHand: line.onHand } : { kind: 'delta', onHand: line.delta ?? 0 };
    const previous = byPosition.get(id);
    if (previous) {
      if (previous.change.kind === 'set' || change.kind === 'set')
        throw new UnprocessableDocumentError(`${id} appears more than once with an absolute onHand`);
      previous.change = { kind: 'delta', onHand: previous.change.onHand + change.onHand };
      continue;
    }
    byPosition.set(id, {
      sku: line.sku,
      locationId: line.locationId,
      change,
      reason: line.reason ?? (change.kind === 'set' ? 'COUNTED' : 'ADJUSTED'),
      provenance: {
        source: doc.source,
        sourceVersion: doc.sequence,
        observedAt: new Date(doc.observedAt).toISOString(),
        adapterRun: `${kind}:${doc.source}#${doc.sequence}`,
      },
      reference: { type: kind === 'snapshot' ? 'WMS_SNAPSHOT' : 'WMS_ADJUSTMENT', id: `${doc.source}#${doc.sequence}` },
      actor: doc.source,
    });
  }
  return [...byPosition.values()];
}

const YIELD_EVERY = 500; // positions applied between two turns of the event loop

async function applyAll(
  observed: ObservedStock,
  observations: OnHandObservation[],
  metrics: ConnectorMetrics,
): Promise<WmsResult> {
  const result: WmsResult = { applied: 0, duplicates: 0, refused: 0, shortfalls: 0 };
  // One position after another: the document's sequence orders them, and a failure leaves a clean re-drive.
  for (const [index, observation] of observations.entries()) {
    // A snapshot of a whole warehouse has many thousand lines: let queries and /healthz in between.
    if (index > 0 && index % YIELD_EVERY === 0) await yieldToEventLoop();
    const outcome: ObservationOutcome = await observed.observeOnHand(observation);
    if (outcome.status === 'applied') result.applied++;
    if (outcome.status === 'duplicate') result.duplicates++;
    if (outcome.status === 'refused') result.refused++;
    if (outcome.status === 'applied' && outcome.shortfall > 0) result.shortfalls++;
  }
  if (result.refused) metrics.increment('conflicts', result.refused);
  if (result.shortfalls) metrics.increment('shortfalls', result.shortfalls);
  return result;
}

/** What the WMS endpoints need. */
export interface WmsAdapterDeps {
  secrets: readonly string[];
  inventory: InventoryStore;
  observed: ObservedStock;
  stores: InboundStores;
  metrics: (connector: string) => ConnectorMetrics;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * The WMS (and store POS) stock feed: `POST /adapters/wms/adjustments` (deltas or counts) and
 * `POST /adapters/wms/snapshots` (absolute counts), both signed with `X-WMS-Signature`. Each document is
 * deduplicated on `<source>#<sequence>` and each position is written through the mastered position writer.
 */
export function createWmsAdapters(deps: WmsAdapterDeps): {
  adjustments: WebhookHandler<WmsResult>;
  snapshots: WebhookHandler<WmsResult>;
} {
  const verify = hexHmacVerifier('wms', WMS_SIGNATURE_HEADER, deps.secrets);
  const common = {
    verify,
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    logger: deps.logger,
    ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
  };
  const documentId = (doc: WmsDocument) => `${doc.source}#${doc.sequence}`;
  const adjustmentsMetrics = deps.metrics('wms-adjustments');
  const snapshotsMetrics = deps.metrics('wms-snapshots');
  return {
    adjustments: createWebhookHandler({
      ...common,
      name: 'wms-adjustments',
      parse: parseJson(adjustmentsDoc),
      documentId,
      map: (doc) => toObservations(doc, 'adjustment', deps.inventory),
      apply: (observations) => applyAll(deps.observed, observations, adjustmentsMetrics),
      metrics: adjustmentsMetrics,
    }),
    snapshots: createWebhookHandler({
      ...common,
      name: 'wms-snapshots',
      parse: parseJson(snapshotDoc),
      documentId,
      map: (doc) => toObservations(doc, 'snapshot', deps.inventory),
      apply: (observations) => applyAll(deps.observed, observations, snapshotsMetrics),
      metrics: snapshotsMetrics,
    }),
  };
}
