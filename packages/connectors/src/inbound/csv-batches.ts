import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse, type CsvError } from 'csv-parse';
import type { z } from 'zod';
import { resolveHeader } from './csv.js';

/** Why one row (or one field of it) was not imported; `field` is null when the whole row is unreadable. */
export interface CsvFieldError {
  row: number;
  field: string | null;
  reason: string;
}

/** One batch of a file: valid rows with their line numbers, and the errors of the rows in between. */
export interface CsvBatch<T> {
  rows: { row: number; value: T }[];
  /** One entry per failed rule (a row may have several). */
  errors: CsvFieldError[];
  /** Data rows this batch covers (valid and invalid). */
  count: number;
  /** The last line of the file this batch covers: where a resumed import starts again. */
  throughLine: number;
}

/** Options of {@link readCsvBatches}. */
export interface CsvBatchOptions<S extends z.ZodType> {
  /** Canonical field → accepted header names (case-, space-, `_`- and `-`-insensitive). */
  columns: Record<string, string | readonly string[]>;
  /** Fields that may be missing from the header; every other mapped column is required. */
  optional?: readonly string[];
  schema: S;
  /** Rows per batch; default 1_000. */
  batchSize?: number;
  /** Skip every row up to and including this line (a resumed import); default 0. */
  afterLine?: number;
}

/** Thrown by {@link readCsvBatches} when the header lacks required columns. */
export class CsvHeaderError extends Error {
  constructor(readonly missing: string[]) {
    super(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    this.name = 'CsvHeaderError';
  }
}

const FEED_BYTES = 16 * 1024; // 16 KiB: the parser gets the file in slices, so no single step blocks for long
/** Longest stretch of parsing and validation between two turns of the event loop. */
const SLICE_MS = 5;

/** Yields to the event loop (pending I/O and requests run) once SLICE_MS of work has passed since the last turn. */
function timeSlicer() {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}

function parserFor(raw: Buffer, onSkip: (error: CsvError) => void) {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    on_skip: (error: CsvError | undefined) => {
      if (error) onSkip(error);
      return undefined;
    },
  });
  Readable.from(slices(raw)).pipe(parser);
  return parser as unknown as AsyncIterable<{ record: string[]; info: { lines: number } }>;
}

function* slices(raw: Buffer) {
  for (let at = 0; at < raw.length; at += FEED_BYTES) yield raw.subarray(at, at + FEED_BYTES);
}

/**
 * Reads a CSV file as batches of validated rows, in time linear in its size: the file is parsed once, streaming,
 * each row is mapped and validated on its own (nothing already read is looked at again), and the event loop gets
 * a turn after every few milliseconds of work (also within a batch) so a server keeps answering while a large
 * file is read. Row errors (wrong column count,
 * broken quotes, failed rules) are reported per field with their line number (the header is line 1); only a
 * header that lacks a required column fails, with {@link CsvHeaderError}.
 */
export async function* readCsvBatches<S extends z.ZodType>(
  raw: Buffer,
  options: CsvBatchOptions<S>,
): AsyncGenerator<CsvBatch<z.output<S>>> {
  const batchSize = options.batchSize ?? 1_000;
  const afterLine = options.afterLine ?? 0;
  let batch: CsvBatch<z.output<S>> = { rows: [], errors: [], count: 0, throughLine: afterLine };
  const parser = parserFor(raw, (error) => {
    const row = Number((error as { lines?: number }).lines ?? 0);
    if (row <= afterLine) return;
    batch.errors.push({ row, field: null, reason: error.message });
    batch.count++;
    batch.throughLine = Math.max(batch.throughLine, row);
  });
  let header: Map<string, number> | null = null;
  let width = 0;
  const slice = timeSlicer();
  for await (const { record, info } of parser) {
    await slice();
    if (!header) {
      width = record.length;
      const resolved = resolveHeader(record, options);
      if ('missing' in resolved) throw new CsvHeaderError(resolved.missing);
      header = resolved.positions;
      continue;
    }
    const row = info.lines;
    if (row <= afterLine) continue;
    batch.count++;
    batch.throughLine = row;
    if (record.length !== width)
      batch.errors.push({ row, field: null, reason: `expected ${width} fields, found ${record.length}` });
    else {
      const mapped = Object.fromEntries([...header].map(([field, index]) => [field, record[index] ?? '']));
      const parsed = options.schema.safeParse(mapped);
      if (parsed.success) batch.rows.push({ row, value: parsed.data });
      else
        for (const issue of parsed.error.issues)
          batch.errors.push({
            row,
            field: issue.path.length > 0 ? issue.path.map(String).join('.') : null,
            reason: issue.message,
          });
    }
    if (batch.count >= batchSize) {
      yield batch;
      batch = { rows: [], errors: [], count: 0, throughLine: batch.throughLine };
    }
  }
  if (batch.count > 0) yield batch;
}

/** Counts a file's data rows (readable or not) in one streaming pass, without validating them. */
export async function countCsvRows(raw: Buffer): Promise<number> {
  let skipped = 0;
  let records = 0;
  const slice = timeSlicer();
  for await (const _ of parserFor(raw, () => skipped++)) {
    records++;
    await slice();
  }
  return Math.max(0, records - 1) + skipped;
}

/** One message per row, as the synchronous import reports it: `field: reason; field: reason`. */
export function rowMessages(errors: readonly CsvFieldError[]): { row: number; message: string }[] {
  const byRow = new Map<number, string[]>();
  for (const e of errors)
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.field ? `${e.field}: ${e.reason}` : e.reason]);
  return [...byRow].sort(([a], [b]) => a - b).map(([row, parts]) => ({ row, message: parts.join('; ') }));
}
