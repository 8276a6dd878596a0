import { createHash, randomUUID } from 'node:crypto';
import {
  answerWithImportJob,
  completeImportReceipt,
  businessUnitSchema,
  countCsvRows,
  createInboundPipeline,
  CSV_MEDIA_TYPES,
  CsvHeaderError,
  hexHmacVerifier,
  PayloadTooLargeError,
  readCsvBatches,
  readRawBody,
  rowMessages,
  unsupportedMediaType,
  type ConnectorMetrics,
  type CsvFieldError,
  type ImportJobKind,
  type ImportJobs,
  type InboundOutcome,
  type InboundStores,
  type RefusalCode,
  type Secrets,
} from '@fulfillment-mesh/connectors';
import { DomainError, sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { isDecimalAmount } from '../domain/products.js';
import type { ProductBatchItem } from '../workflows/product-batch.js';
import type { ProductUpdates } from '../workflows/product-updates.js';

/** The header an item master upload is signed with: hex HMAC-SHA256 of the raw body under `ERP_WEBHOOK_SECRET`. */
export const ERP_SIGNATURE_HEADER = 'X-ERP-Signature';

/** The source name ERP writes carry (see mastering.ts). */
export const ERP_SOURCE = 'erp';

const upper = z.string().transform((v) => v.toUpperCase());

/** One item master row: `sku,price,currency,uom,status,version,observed_at`. */
export const erpItemRowSchema = z.object({
  sku: z.string().min(1, 'sku is required'),
  price: z.string().refine(isDecimalAmount, 'price must be a non-negative decimal such as 12.50'),
  currency: upper.pipe(z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO-4217 code such as USD')),
  uom: upper.pipe(z.string().regex(/^[A-Z0-9]{1,10}$/, 'uom must be a unit code such as EA, CS or BX')),
  status: upper.pipe(z.enum(['ACTIVE', 'DISCONTINUED'], 'status must be ACTIVE or DISCONTINUED')),
  // Integers compare numerically and ISO times as instants; anything else would compare lexically (v10 < v9).
  version: z
    .string()
    .refine(
      (v) => /^\d+$/.test(v) || !Number.isNaN(Date.parse(v)),
      'version must be an integer row version or an ISO-8601 time',
    ),
  observedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'observed_at must be an ISO-8601 time'),
  // Optional column: which business unit sells the item (whose ERP books its orders); empty or absent: unchanged.
  businessUnit: z.preprocess((v) => (v === '' ? undefined : v), businessUnitSchema.optional()),
});

const COLUMNS = {
  sku: ['sku', 'item', 'item no'],
  price: ['price', 'unit price'],
  currency: ['currency', 'currency code'],
  uom: ['uom', 'unit of measure'],
  status: ['status'],
  version: ['version', 'row version'],
  observedAt: ['observed at', 'changed at'],
  businessUnit: ['business unit', 'bu'],
};
const OPTIONAL = ['businessUnit'];

/** A field group of a row the mastering rules refused. */
export interface ErpRowRefusal {
  row: number;
  sku: string;
  fieldGroup: string;
  code: RefusalCode;
  reason: string;
}

/** What one import run did; `applied + duplicates + conflicts + invalid = rows`. */
export interface ErpImportSummary {
  adapterRun: string;
  /** Data rows read (the header excluded). */
  rows: number;
  /** Rows whose field groups all applied (or were already applied by this version). */
  applied: number;
  /** Products the import created (counted in `applied`). */
  created: number;
  /** Rows that were already applied with this version: nothing changed. */
  duplicates: number;
  /** Rows with at least one field group refused by the mastering rules (stale or non-authoritative). */
  conflicts: number;
  /** Rows that could not be read or validated. */
  invalid: number;
  refusals: ErpRowRefusal[];
  /** One entry per invalid row, with its 1-based line number (the header is line 1). */
  errors: { row: number; message: string }[];
}

/** Dependencies of {@link createErpItemsAdapter}. */
export interface ErpItemsDeps {
  updates: ProductUpdates;
  /** Needed for the HTTP route and the scheduled import (dedupe and dead letters); not for the CLI. */
  stores?: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
  /** `ERP_WEBHOOK_SECRET`; without it the upload route answers 503. */
  secret?: Secrets;
  /** Largest accepted upload; default 32 * 1024 * 1024 // 32 MiB. */
  maxBodyBytes?: number;
  /** Background jobs; without them every upload is imported while the request waits. */
  jobs?: ImportJobs;
  /** `IMPORT_JOB_THRESHOLD_BYTES`: uploads larger than this become jobs (202); default 1024 * 1024 // 1 MiB. */
  jobThresholdBytes?: number;
  /** Rows per batch (one read and one bulk write each); default 200: short enough that a batch never holds the event loop or the store for long. */
  batchSize?: number;
}

/** The ERP item master adapter: the import itself, its upload route, and re-drives of kept files. */
export interface ErpItemsAdapter {
  /** Imports one item master CSV (on demand, the CLI); throws INVALID_INPUT only when the header lacks a column. */
  importErpItems(csvText: string, options?: { adapterRun?: string }): Promise<ErpImportSummary>;
  /** Runs a whole file through dedupe (by content hash) and dead letters: what the route and the schedule use. */
  processFile(raw: Buffer): Promise<InboundOutcome<ErpImportSummary>>;
  /** Imports a kept file again (after a fix). */
  redrive(deadLetterId: string): Promise<InboundOutcome<ErpImportSummary>>;
  /** `POST /imports/erp-items`. */
  route: RouteHandler;
  /** How the background jobs of this connector count and apply a file. */
  jobKind: ImportJobKind;
}

/** The connector name: metrics, receipts, dead letters and jobs are keyed by it. */
export const ERP_ITEMS_CONNECTOR = 'erp-items';

/** What one batch of an item master did. */
interface BatchOutcome {
  throughLine: number;
  count: number;
  errors: CsvFieldError[];
  refusals: ErpRowRefusal[];
  applied: number;
  created: number;
  duplicates: number;
  conflicts: number;
}

/** A file's identity: the SHA-256 of its content. */
function contentId(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Creates the ERP item master adapter. */
export function createErpItemsAdapter(deps: ErpItemsDeps): ErpItemsAdapter {
  const { updates, metrics } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? 32 * 1024 * 1024; // 32 MiB

  const batchSize = deps.batchSize ?? 200;

  /** Applies the rows of `raw` after line `afterLine`, batch by batch, handing each batch's outcome to `commit`. */
  const applyFile = async (
    raw: Buffer,
    adapterRun: string,
    afterLine: number,
    commit: (batch: BatchOutcome) => Promise<void>,
  ) => {
    for await (const batch of readCsvBatches(raw, {
      columns: COLUMNS,
      optional: OPTIONAL,
      schema: erpItemRowSchema,
      batchSize,
      afterLine,
    })) {
      const items: ProductBatchItem[] = batch.rows.map(({ value: row }) => ({
        sku: row.sku,
        stamp: { source: ERP_SOURCE, sourceVersion: row.version, observedAt: row.observedAt, adapterRun },
        changes: {
          price: { amount: row.price, currencyCode: row.currency },
          uom: row.uom,
          status: row.status,
          ...(row.businessUnit ? { businessUnit: row.businessUnit } : {}),
        },
      }));
      const outcomes = await updates.updateBatch(items);
      const out: BatchOutcome = {
        throughLine: batch.throughLine,
        count: batch.count,
        errors: [...batch.errors],
        refusals: [],
        applied: 0,
        created: 0,
        duplicates: 0,
        conflicts: 0,
      };
      outcomes.forEach((outcome, i) => {
        const { row, value } = batch.rows[i]!;
        if (!outcome.ok) {
          out.errors.push({ row, field: outcome.field, reason: outcome.reason });
          return;
        }
        const refused = outcome.result.outcomes.flatMap((o) =>
          o.outcome === 'refused'
            ? [{ row, sku: value.sku, fieldGroup: o.fieldGroup, code: o.code, reason: o.reason }]
            : [],
        );
        if (refused.length > 0) {
          out.conflicts++;
          out.refusals.push(...refused);
        } else if (outcome.result.outcomes.every((o) => o.outcome === 'duplicate')) out.duplicates++;
        else out.applied++;
        if (outcome.result.created) out.created++;
      });
      metrics.increment('rowsApplied', out.applied);
      metrics.increment('rowsConflicted', out.conflicts);
      metrics.increment('rowsInvalid', new Set(out.errors.map((e) => e.row)).size);
      await commit(out);
    }
  };

  const headerError = (error: CsvHeaderError) =>
    new DomainError(
      'INVALID_INPUT',
      `Invalid ERP item master header: ${error.message} (expected sku,price,currency,uom,status,version,observed_at)`,
      { field: 'header' },
    );

  const importErpItems = async (csvText: string, options: { adapterRun?: string } = {}): Promise<ErpImportSummary> => {
    const adapterRun = options.adapterRun ?? `erp-items:${randomUUID()}`;
    const summary: ErpImportSummary = {
      adapterRun,
      rows: 0,
      applied: 0,
      created: 0,
      duplicates: 0,
      conflicts: 0,
      invalid: 0,
      refusals: [],
      errors: [],
    };
    const errors: CsvFieldError[] = [];
    try {
      await applyFile(Buffer.from(csvText, 'utf8'), adapterRun, 0, async (batch) => {
        summary.applied += batch.applied;
        summary.created += batch.created;
        summary.duplicates += batch.duplicates;
        summary.conflicts += batch.conflicts;
        summary.refusals.push(...batch.refusals);
        errors.push(...batch.errors);
      });
    } catch (error) {
      if (error instanceof CsvHeaderError) throw headerError(error);
      throw error;
    }
    summary.errors = rowMessages(errors);
    summary.invalid = summary.errors.length;
    summary.rows = summary.applied + summary.duplicates + summary.conflicts + summary.invalid;
    deps.logger.info(
      { connector: 'erp-items', ...summary, refusals: summary.refusals.length, errors: summary.errors.slice(0, 20) },
      'ERP item master imported',
    );
    return summary;
  };

  const jobKind: ImportJobKind = {
    countRows: countCsvRows,
    run: ({ job, raw, afterLine }, commit) =>
      applyFile(raw, `erp-items:job:${job._id}`, afterLine, async (batch) => {
        // Refused field groups are row errors of a job too: the row was read, that part of it did not apply.
        const refusals = batch.refusals.map((r) => ({ row: r.row, field: r.fieldGroup, reason: r.reason }));
        const counters = {
          applied: batch.applied,
          created: batch.created,
          duplicates: batch.duplicates,
          conflicts: batch.conflicts,
        };
        await commit({
          throughLine: batch.throughLine,
          count: batch.count,
          errors: [...batch.errors, ...refusals].sort((a, b) => a.row - b.row),
          counters,
        });
      }),
    async finished(job) {
      // The file is applied: a resend of it is a duplicate, as after a synchronous import.
      await completeImportReceipt(deps.stores?.receipts, ERP_ITEMS_CONNECTOR, job.documentId);
    },
  };

  const pipeline = deps.stores
    ? createInboundPipeline<string, string, ErpImportSummary>({
        adapter: {
          name: 'erp-items',
          parse: (raw) => {
            const text = raw.toString('utf8');
            if (!Buffer.from(text, 'utf8').equals(raw)) throw new Error('the item master is not UTF-8 text');
            if (!text.trim()) throw new Error('the item master is empty');
            return text;
          },
          // The same file uploaded twice changes nothing: its content is its identity.
          documentId: contentId,
          map: (text) => text,
          apply: (text, meta) =>
            importErpItems(text, { adapterRun: meta.redriveOf ? `erp-items:redrive:${meta.redriveOf}` : undefined }),
        },
        receipts: deps.stores.receipts,
        deadLetters: deps.stores.deadLetters,
        metrics,
        logger: deps.logger,
      })
    : undefined;
  const requirePipeline = () => {
    if (!pipeline) throw new Error('the ERP item master adapter was created without inbound stores');
    return pipeline;
  };
  const verifier = deps.secret ? hexHmacVerifier('erp', ERP_SIGNATURE_HEADER, deps.secret) : undefined;
  const jobThresholdBytes = deps.jobThresholdBytes ?? 1024 * 1024; // 1 MiB

  /** A large file: 202 with a new job, 409 with the job already running it, or 200 when it was applied before. */
  const submitJob = async (jobs: ImportJobs, raw: Buffer, res: Parameters<RouteHandler>[1]): Promise<boolean> => {
    const text = raw.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(raw) || !text.trim()) return false; // the pipeline dead-letters it
    try {
      const first = readCsvBatches(raw, {
        columns: COLUMNS,
        optional: OPTIONAL,
        schema: erpItemRowSchema,
        batchSize: 1,
      });
      await first.next();
      await first.return(undefined);
    } catch (error) {
      if (error instanceof CsvHeaderError) return false; // the pipeline dead-letters it with the reason
      throw error;
    }
    await answerWithImportJob(
      {
        jobs,
        ...(deps.stores ? { receipts: deps.stores.receipts } : {}),
        connector: ERP_ITEMS_CONNECTOR,
        documentId: contentId(text),
        raw,
        metrics,
      },
      res,
    );
    return true;
  };

  const handle: RouteHandler = async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: `Method ${req.method} is not allowed; use POST` });
    }
    if (!verifier) return sendJson(res, 503, { error: 'adapter not configured' });
    let raw: Buffer;
    try {
      raw = await readRawBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      metrics.increment('tooLarge');
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: error.message });
    }
    metrics.increment('received');
    // Before the signature: a JSON body or a form post is refused by its type, never read as CSV.
    const unsupported = unsupportedMediaType(req, CSV_MEDIA_TYPES);
    if (unsupported) {
      metrics.increment('unsupportedMediaType');
      return sendJson(res, 415, { error: unsupported });
    }
    const verified = verifier.verify(raw, req.headers);
    if (!verified.ok) {
      metrics.increment('invalidSignature');
      deps.logger.warn({ connector: 'erp-items', reason: verified.reason }, 'item master upload signature refused');
      return sendJson(res, 401, { error: 'invalid signature' });
    }
    if (deps.jobs && raw.length > jobThresholdBytes && (await submitJob(deps.jobs, raw, res))) return;
    const outcome = await requirePipeline().process(raw, req.headers);
    switch (outcome.status) {
      case 'applied':
        return sendJson(res, 200, { status: 'applied', documentId: outcome.documentId, summary: outcome.result });
      case 'duplicate':
        return sendJson(res, 200, { status: 'duplicate', documentId: outcome.documentId });
      case 'busy':
        res.setHeader('retry-after', '5');
        return sendJson(res, 409, { status: 'busy', documentId: outcome.documentId });
      case 'dead-lettered':
        return sendJson(res, 422, {
          status: 'dead-lettered',
          deadLetterId: outcome.deadLetterId,
          stage: outcome.stage,
          reason: outcome.reason,
        });
      case 'failed':
        res.setHeader('retry-after', '30');
        return sendJson(res, 503, { status: 'failed', error: 'temporarily unable to import the file; retry later' });
    }
  };

  return {
    importErpItems,
    jobKind,
    processFile: (raw) => requirePipeline().process(raw, {}),
    redrive: (id) => requirePipeline().redrive(id),
    route: (req, res, url) =>
      Promise.resolve(handle(req, res, url)).catch((error: unknown) => {
        metrics.increment('failed');
        deps.logger.error({ connector: 'erp-items', err: error }, 'item master upload failed');
        if (!res.headersSent)
          sendJson(res, 503, { status: 'failed', error: 'temporarily unable to accept the file; retry later' });
        else res.end();
      }),
  };
}
