import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  answerWithImportJob,
  completeImportReceipt,
  createWebhookHandler,
  externalId,
  hexHmacVerifier,
  parseJson,
  UnprocessableDocumentError,
  type ConnectorMetrics,
  type CsvFieldError,
  type ImportJobKind,
  type ImportJobs,
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
/** A snapshot's header without its lines: what a job checks before it is accepted. */
const snapshotHeader = envelope(z.unknown()).extend({ adjustments: z.array(z.unknown()).min(1) });
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
  /** Background jobs of the service: snapshots over {@link WmsAdapterDeps.jobThresholdBytes} run as jobs. */
  jobs?: ImportJobs;
  /** `IMPORT_JOB_THRESHOLD_BYTES`: larger snapshots become jobs (202); default 1024 * 1024 // 1 MiB. */
  jobThresholdBytes?: number;
}

/** The connector name of WMS snapshots, which is also their import-job kind. */
export const WMS_SNAPSHOTS_CONNECTOR = 'wms-snapshots';

const JOB_BATCH = 500; // snapshot lines per committed job batch

/**
 * A whole-warehouse snapshot as a background job: lines are checked one by one (a bad line is a row error with
 * its number, field and rule; the rest is applied), applied in batches of {@link JOB_BATCH} through the same
 * mastered writer, each batch committed with the job's checkpoint so a restart resumes after it. Row numbers
 * are 1-based positions in `adjustments`.
 */
function snapshotJobKind(deps: WmsAdapterDeps, metrics: ConnectorMetrics): ImportJobKind {
  const read = (raw: Buffer) => snapshotHeader.parse(JSON.parse(raw.toString('utf8')));
  return {
    countRows: async (raw) => read(raw).adjustments.length,
    async run({ job, raw, afterLine }, commit) {
      const doc = read(raw);
      const lines = doc.adjustments;
      const known = new Set<string>();
      const checkedLocations = new Set<string>();
      const seen = new Map<string, number>(); // position → the first row that set it
      const rowOf = (index: number) => index + 1;
      /** Checks one line; a position seen on an earlier row is an error of the later row. */
      const check = async (index: number): Promise<OnHandObservation | CsvFieldError> => {
        const parsed = snapshotLine.safeParse(lines[index]);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          return { row: rowOf(index), field: issue.path.join('.') || null, reason: issue.message };
        }
        const line = parsed.data;
        if (!checkedLocations.has(line.locationId)) {
          checkedLocations.add(line.locationId);
          if ((await deps.inventory.locationsByIds([line.locationId])).length) known.add(line.locationId);
        }
        if (!known.has(line.locationId))
          return { row: rowOf(index), field: 'locationId', reason: `unknown location ${line.locationId}` };
        const id = positionId(line.sku, line.locationId);
        const first = seen.get(id);
        if (first !== undefined && first !== rowOf(index))
          return { row: rowOf(index), field: 'sku', reason: `${id} already counted on row ${first}` };
        seen.set(id, rowOf(index));
        return {
          sku: line.sku,
          locationId: line.locationId,
          change: { kind: 'set', onHand: line.onHand },
          reason: line.reason ?? 'COUNTED',
          provenance: {
            source: doc.source,
            sourceVersion: doc.sequence,
            observedAt: new Date(doc.observedAt).toISOString(),
            adapterRun: `snapshot-job:${job._id}`,
          },
          reference: { type: 'WMS_SNAPSHOT', id: `${doc.source}#${doc.sequence}` },
          actor: doc.source,
        };
      };
      // Rows before the checkpoint are re-read only to know which positions they counted.
      for (let index = 0; index < Math.min(afterLine, lines.length); index++) {
        const parsed = snapshotLine.safeParse(lines[index]);
        if (parsed.success) {
          const id = positionId(parsed.data.sku, parsed.data.locationId);
          if (!seen.has(id)) seen.set(id, rowOf(index));
        }
      }
      for (let start = afterLine; start < lines.length; start += JOB_BATCH) {
        const end = Math.min(start + JOB_BATCH, lines.length);
        const errors: CsvFieldError[] = [];
        const observations: OnHandObservation[] = [];
        for (let index = start; index < end; index++) {
          const checked = await check(index);
          if ('row' in checked) errors.push(checked);
          else observations.push(checked);
        }
        const result = await applyAll(deps.observed, observations, metrics);
        await commit({
          throughLine: end,
          count: end - start,
          errors,
          counters: { ...result, invalid: errors.length },
        });
        await yieldToEventLoop();
      }
    },
    finished: (job) => completeImportReceipt(deps.stores.receipts, WMS_SNAPSHOTS_CONNECTOR, job.documentId),
  };
}

/**
 * The WMS (and store POS) stock feed: `POST /adapters/wms/adjustments` (deltas or counts) and
 * `POST /adapters/wms/snapshots` (absolute counts), both signed with `X-WMS-Signature`. Each document is
 * deduplicated on `<source>#<sequence>` and each position is written through the mastered position writer.
 */
export function createWmsAdapters(deps: WmsAdapterDeps): {
  adjustments: WebhookHandler<WmsResult>;
  snapshots: WebhookHandler<WmsResult>;
  /** The import-job kind of large snapshots (register it with the service's jobs under `wms-snapshots`). */
  snapshotJobs: ImportJobKind;
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
  const jobs = deps.jobs;
  const largeBody = jobs
    ? {
        thresholdBytes: deps.jobThresholdBytes ?? 1024 * 1024, // 1 MiB
        async submit(raw: Buffer, res: Parameters<WebhookHandler>[1]) {
          let header: z.output<typeof snapshotHeader>;
          try {
            header = snapshotHeader.parse(JSON.parse(raw.toString('utf8')));
          } catch {
            return false; // the pipeline dead-letters it with the exact reason
          }
          const documentId = `${header.source}#${header.sequence}`;
          await answerWithImportJob(
            {
              jobs,
              receipts: deps.stores.receipts,
              connector: WMS_SNAPSHOTS_CONNECTOR,
              documentId,
              raw,
              metrics: snapshotsMetrics,
            },
            res,
          );
          return true;
        },
      }
    : undefined;
  return {
    snapshotJobs: snapshotJobKind(deps, snapshotsMetrics),
    adjustments: createWebhookHandler({
      ...common,
      name: 'wms-adjustments',
      parse: parseJson(adjustmentsDoc),
      documentId,
      map: (doc) => toObservations(doc, 'adjustment', deps.inventory),
      apply: (observations) => applyAll(deps.observed, observations, adjustmentsMetrics),
      answer: (result) => ({ ...result }),
      metrics: adjustmentsMetrics,
    }),
    snapshots: createWebhookHandler({
      ...common,
      name: WMS_SNAPSHOTS_CONNECTOR,
      ...(largeBody ? { largeBody } : {}),
      parse: parseJson(snapshotDoc),
      documentId,
      map: (doc) => toObservations(doc, 'snapshot', deps.inventory),
      apply: (observations) => applyAll(deps.observed, observations, snapshotsMetrics),
      answer: (result) => ({ ...result }),
      metrics: snapshotsMetrics,
    }),
  };
}
