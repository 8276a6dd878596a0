import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DuplicateKeyError, type BulkOperation, type Doc, type Logger, type Store } from '@fulfillment-mesh/runtime';
import type { CsvFieldError } from './csv-batches.js';

/** Where a job is: waiting for its turn, being applied, done (with or without row errors), or stopped by a failure. */
export type ImportJobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One import job (collection `import_jobs`): a large file applied in the background, batch by batch. */
export interface ImportJob extends Doc {
  connector: string;
  /** The file's identity (`sha256:<hex>` of its content). */
  documentId: string;
  /** `<connector>:<documentId>` while QUEUED or RUNNING; unique, so the same file cannot run twice at once. */
  active?: string;
  status: ImportJobStatus;
  /** Data rows in the file; null until counted (the first step of a run). */
  total: number | null;
  /** Data rows done so far, applied or not. */
  processed: number;
  errorCount: number;
  /** The last line of the file whose batch is committed; a resumed job continues after it. */
  throughLine: number;
  /** Connector-specific counts (`applied`, `conflicts`, ...), summed over batches. */
  counters: Record<string, number>;
  bytes: number;
  /** How many pieces of the file are stored in `import_job_files`. */
  pieces: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  failure?: string;
  /** The process running it, and until when that claim holds (a crashed process's jobs are taken over after it). */
  owner?: string;
  leaseUntil?: string;
}

/** A row error kept with its job (collection `import_job_errors`). */
export interface ImportJobError extends Doc, CsvFieldError {
  jobId: string;
}

interface FilePiece extends Doc {
  jobId: string;
  n: number;
  /** Base64 of the bytes (pieces are cut at byte offsets, not characters). */
  data: string;
}

/** What one batch of a run reports; the job commits it atomically (its checkpoint, counts and errors). */
export interface ImportBatchReport {
  throughLine: number;
  /** Data rows the batch covered. */
  count: number;
  errors: readonly CsvFieldError[];
  counters?: Record<string, number>;
}

/** A connector's way of applying a job's file from a line on; it calls `commit` after each batch it applied. */
export type ImportJobRunner = (
  input: { job: ImportJob; raw: Buffer; afterLine: number },
  commit: (batch: ImportBatchReport) => Promise<void>,
) => Promise<void>;

/** The connector-side half of a job: how to count its rows, how to apply it, and what to do once it succeeded. */
export interface ImportJobKind {
  countRows(raw: Buffer): Promise<number>;
  run: ImportJobRunner;
  /**
   * Once every batch has committed and before the job reads SUCCEEDED and lets go of its document (e.g. record the
   * file as applied, so a resend is a duplicate the moment anyone can see SUCCEEDED). Runs again, so must be
   * idempotent, if the process stops between the two.
   */
  finished?(job: ImportJob): Promise<void>;
}

/** Background import jobs of one service. */
export interface ImportJobs {
  /** Stores the file and queues a job, or returns the job already queued or running for the same file. */
  submit(connector: string, documentId: string, raw: Buffer): Promise<{ accepted: boolean; job: ImportJob }>;
  get(id: string): Promise<ImportJob | null>;
  /** A job's row errors in row order, at most `first`. */
  errors(id: string, first: number): Promise<ImportJobError[]>;
  /** Resumes the unfinished jobs found in the store (after a restart) and keeps taking over abandoned ones. */
  start(): Promise<void>;
  /** Stops after the batch in progress; an unfinished job stays RUNNING and resumes at the next start. */
  stop(): Promise<void>;
  /** Resolves when every queued job has ended (tests and benchmarks). */
  idle(): Promise<void>;
}

/** Dependencies of {@link createImportJobs}. */
export interface ImportJobsDeps {
  store: Pick<Store, 'collection'>;
  logger: Logger;
  kinds: Record<string, ImportJobKind>;
  /** How long a claim on a job holds without a commit; default 30_000 // 30 seconds. */
  leaseMs?: number;
  clock?: () => Date;
}

const PIECE_BYTES = 1024 * 1024; // 1 MiB per stored piece, well under MongoDB's 16 MiB document limit

class Stopped extends Error {}

/**
 * Creates the job runner. Jobs run one at a time per process (an import must not take every core from the
 * queries). Each batch commits with one atomic update of the job document (checkpoint line, processed, counts),
 * after its row errors are written under deterministic ids, so a resumed job replays at most one batch and that
 * replay changes nothing (the writes are idempotent by source version; errors dedupe by id). A line goes to the
 * log at every 10% of a job.
 */
export async function createImportJobs(deps: ImportJobsDeps): Promise<ImportJobs> {
  const { logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 30_000; // 30 seconds
  const me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const jobs = deps.store.collection<ImportJob>('import_jobs');
  const files = deps.store.collection<FilePiece>('import_job_files');
  const errors = deps.store.collection<ImportJobError>('import_job_errors');
  await jobs.createIndex({ fields: { active: 1 }, unique: true, sparse: true });
  await jobs.createIndex({ fields: { status: 1 } });
  await files.createIndex({ fields: { jobId: 1 } });
  await errors.createIndex({ fields: { jobId: 1 } });

  let queue: Promise<void> = Promise.resolve();
  const queued = new Set<string>();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const lease = () => new Date(clock().getTime() + leaseMs).toISOString();

  const take = (id: string) =>
    jobs.findOneAndUpdate(
      {
        _id: id,
        status: { $in: ['QUEUED', 'RUNNING'] },
        $or: [{ owner: me }, { owner: { $exists: false } }, { leaseUntil: { $lt: clock().toISOString() } }],
      },
      { $set: { owner: me, leaseUntil: lease() } },
    );

  const enqueue = (id: string) => {
    if (queued.has(id)) return;
    queued.add(id);
    queue = queue.then(() => run(id).finally(() => queued.delete(id)));
  };

  const readFile = async (job: ImportJob): Promise<Buffer> => {
    const pieces = await files.find({ jobId: job._id }, { sort: { n: 1 } });
    if (pieces.length !== job.pieces)
      throw new Error(`the file of job ${job._id} is incomplete (${pieces.length} of ${job.pieces} pieces stored)`);
    return Buffer.concat(pieces.map((p) => Buffer.from(p.data, 'base64')));
  };

  const run = async (id: string): Promise<void> => {
    if (stopping) return;
    let job = await take(id);
    if (!job) return; // another process has it, or it ended
    const kind = deps.kinds[job.connector];
    const log = logger.child({ importJob: job._id, connector: job.connector });
    try {
      if (!kind) throw new Error(`no importer for connector "${job.connector}"`);
      const raw = await readFile(job);
      if (job.total === null) {
        const total = await kind.countRows(raw);
        job =
          (await jobs.findOneAndUpdate(
            { _id: id, owner: me },
            { $set: { total, status: 'RUNNING', updatedAt: clock().toISOString(), leaseUntil: lease() } },
          )) ?? job;
      } else if (job.status === 'QUEUED') {
        await jobs.updateOne({ _id: id, owner: me }, { $set: { status: 'RUNNING' } });
      }
      const total = job.total ?? 0;
      let processed = job.processed;
      let decile = total > 0 ? Math.floor((processed * 10) / total) : 0;
      log.info(
        { processed, total, resumedAfterLine: job.throughLine },
        job.throughLine > 0 ? 'import job resumed' : 'import job started',
      );
      await kind.run({ job, raw, afterLine: job.throughLine }, async (batch) => {
        const writes: BulkOperation<ImportJobError>[] = batch.errors.map((e, i) => ({
          insertOne: {
            document: { _id: `${id}:${e.row}:${i}`, jobId: id, row: e.row, field: e.field, reason: e.reason },
          },
        }));
        await errors.bulkWrite(writes);
        const inc: Record<string, number> = { processed: batch.count, errorCount: batch.errors.length };
        for (const [name, value] of Object.entries(batch.counters ?? {})) inc[`counters.${name}`] = value;
        const committed = await jobs.updateOne(
          { _id: id, owner: me },
          {
            $set: { throughLine: batch.throughLine, updatedAt: clock().toISOString(), leaseUntil: lease() },
            $inc: inc,
          },
        );
        if (committed.matchedCount === 0) throw new Stopped(`job ${id} was taken over by another process`);
        processed += batch.count;
        const now = total > 0 ? Math.floor((Math.min(processed, total) * 10) / total) : 10;
        if (now > decile) {
          decile = now;
          log.info({ processed, total, percent: decile * 10 }, `import job ${decile * 10}% done`);
        }
        if (stopping) throw new Stopped('stopping');
      });
      // Before SUCCEEDED: until then the job's active lock turns a resend away with 409, never into a second run.
      await kind.finished?.({ ...job, processed });
      const finishedAt = clock().toISOString();
      const done = await jobs.findOneAndUpdate(
        { _id: id, owner: me },
        {
          $set: { status: 'SUCCEEDED', finishedAt, updatedAt: finishedAt, total: processed },
          $unset: { active: '', owner: '', leaseUntil: '' },
        },
      );
      await files.deleteMany({ jobId: id });
      if (done) log.info({ processed, errorCount: done.errorCount, counters: done.counters }, 'import job succeeded');
    } catch (error) {
      if (error instanceof Stopped) {
        // Leave it RUNNING for the next start; let a successor take it at once.
        await jobs.updateOne({ _id: id, owner: me }, { $unset: { owner: '', leaseUntil: '' } });
        log.info({ reason: error.message }, 'import job paused');
        return;
      }
      const failure = error instanceof Error ? error.message : String(error);
      log.error({ err: error }, 'import job failed');
      const at = clock().toISOString();
      await jobs.updateOne(
        { _id: id, owner: me },
        {
          $set: { status: 'FAILED', failure, finishedAt: at, updatedAt: at },
          $unset: { active: '', owner: '', leaseUntil: '' },
        },
      );
      await files.deleteMany({ jobId: id });
    }
  };

  const resumeAll = async () => {
    for (const job of await jobs.find({ status: { $in: ['QUEUED', 'RUNNING'] } }, { sort: { createdAt: 1 } })) {
      if (!job.owner || job.owner === me || (job.leaseUntil ?? '') < clock().toISOString()) enqueue(job._id);
    }
  };

  return {
    async submit(connector, documentId, raw) {
      const active = `${connector}:${documentId}`;
      const running = await jobs.findOne({ active });
      if (running) return { accepted: false, job: running };
      const at = clock().toISOString();
      const pieces = Math.max(1, Math.ceil(raw.length / PIECE_BYTES));
      const job: ImportJob = {
        _id: `imp-${randomUUID()}`,
        connector,
        documentId,
        active,
        status: 'QUEUED',
        total: null,
        processed: 0,
        errorCount: 0,
        throughLine: 0,
        counters: {},
        bytes: raw.length,
        pieces,
        createdAt: at,
        updatedAt: at,
        // Held by this process from the start, so no other one runs it before its file is stored.
        owner: me,
        leaseUntil: lease(),
      };
      try {
        await jobs.insertOne(job);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const winner = await jobs.findOne({ active });
        if (winner) return { accepted: false, job: winner };
        throw error;
      }
      const writes: BulkOperation<FilePiece>[] = [];
      for (let n = 0; n < pieces; n++) {
        writes.push({
          insertOne: {
            document: {
              _id: `${job._id}:${n}`,
              jobId: job._id,
              n,
              data: raw.subarray(n * PIECE_BYTES, (n + 1) * PIECE_BYTES).toString('base64'),
            },
          },
        });
      }
      await files.bulkWrite(writes);
      logger.info({ importJob: job._id, connector, documentId, bytes: raw.length }, 'import job queued');
      enqueue(job._id);
      return { accepted: true, job };
    },
    get: (id) => jobs.findOne({ _id: id }),
    async errors(id, first) {
      return errors.find({ jobId: id }, { sort: { row: 1, _id: 1 }, limit: first });
    },
    async start() {
      stopping = false;
      await resumeAll();
      timer = setInterval(
        () =>
          void resumeAll().catch((error: unknown) => logger.error({ err: error }, 'import jobs: resume scan failed')),
        leaseMs,
      );
      timer.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await queue;
    },
    idle: () => queue,
  };
}
