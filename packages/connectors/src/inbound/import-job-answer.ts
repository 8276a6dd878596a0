import type { ServerResponse } from 'node:http';
import { sendJson } from '@fulfillment-mesh/runtime';
import type { ConnectorMetrics } from '../metrics.js';
import type { ImportJobs } from './import-jobs.js';
import type { ReceiptStore } from './receipts.js';

/** What {@link answerWithImportJob} needs: the service's jobs and receipts, and the document's identity. */
export interface ImportJobSubmission {
  jobs: ImportJobs;
  /** Absent: no dedupe against documents applied before (e.g. the CLI). */
  receipts?: ReceiptStore;
  connector: string;
  documentId: string;
  raw: Buffer;
  metrics: ConnectorMetrics;
}

/**
 * Answers a large upload with a background job: 200 `duplicate` when the same document was applied before, 409
 * with the running job's id when the same document is being imported right now (`retry-after: 30`), else 202
 * with the new job's id. While the job runs, its own lock (one active job per document) stands in for the
 * receipt's short lease; the job's `finished` step records the receipt (see {@link completeImportReceipt}).
 */
export async function answerWithImportJob(submission: ImportJobSubmission, res: ServerResponse): Promise<void> {
  const { jobs, receipts, connector, documentId, raw, metrics } = submission;
  if (receipts) {
    const claim = await receipts.claim(connector, documentId);
    if (claim.kind === 'applied') {
      metrics.increment('duplicates');
      return sendJson(res, 200, { status: 'duplicate', documentId });
    }
    if (claim.kind === 'claimed')
      await receipts.release(connector, documentId, claim.token, claim.previousDeadLetterId);
  }
  const { accepted, job } = await jobs.submit(connector, documentId, raw);
  if (!accepted) {
    metrics.increment('busy');
    res.setHeader('retry-after', '30');
    return sendJson(res, 409, {
      status: 'running',
      jobId: job._id,
      documentId,
      error: `this document is already being imported by job ${job._id}`,
    });
  }
  metrics.increment('jobs');
  return sendJson(res, 202, { status: 'accepted', jobId: job._id, documentId });
}

/** After a job SUCCEEDED: its document is applied, so a resend of it is a duplicate, as after a synchronous one. */
export async function completeImportReceipt(
  receipts: ReceiptStore | undefined,
  connector: string,
  documentId: string,
): Promise<void> {
  if (!receipts) return;
  const claim = await receipts.claim(connector, documentId);
  if (claim.kind === 'claimed') await receipts.complete(connector, documentId, claim.token);
}
