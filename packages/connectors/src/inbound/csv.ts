import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { z } from 'zod';
import { describeIssues } from '@fulfillment-mesh/events';
import { cleanInput, isDomainError, textViolation } from '@fulfillment-mesh/runtime';

/** One row that could not be imported; `row` is the 1-based line number in the file (the header is line 1). */
export interface CsvRowError {
  row: number;
  message: string;
}

/** Options of {@link importCsv}. */
export interface CsvImportOptions<S extends z.ZodType> {
  /** Canonical field → accepted header names (case- and space-insensitive), e.g. `{ sku: ['SKU', 'Item No'] }`. */
  columns: Record<string, string | readonly string[]>;
  /** Fields that may be missing from the header; every other mapped column is required. */
  optional?: readonly string[];
  /** Validates (and converts) one mapped row: `{ [field]: cell text }` → the row type. */
  schema: S;
  /** Applies a valid row; a throw is recorded as that row's error and the import goes on. */
  onRow?: (row: z.output<S>, rowNumber: number) => Promise<void> | void;
  /** Field delimiter; default `,`. */
  delimiter?: string;
}

/** What an import did: the valid rows (when no `onRow` is given), the count applied and every row error. */
export interface CsvImportResult<T> {
  rows: T[];
  imported: number;
  errors: CsvRowError[];
}

/**
 * Imports a CSV file row by row (streaming, so large ERP exports fit): maps the header to canonical fields,
 * validates each row, and collects per-row errors with line numbers instead of aborting the file — one bad
 * row (wrong column count, an unclosed quote, a failed validation, a failed apply) never costs the others.
 * Only a header that lacks a required column fails the whole file, reported as an error on row 1. Every row
 * passes the input hygiene of every door first (see {@link rowViolation}): a cell with a control or bidi
 * override character or longer than MAX_TEXT_LENGTH, or a quantity that is not a whole number within
 * MAX_LINE_QUANTITY, makes that row an error naming the column and the rule.
 */
export async function importCsv<S extends z.ZodType>(
  source: string | Buffer | Readable,
  options: CsvImportOptions<S>,
): Promise<CsvImportResult<z.output<S>>> {
  const result: CsvImportResult<z.output<S>> = { rows: [], imported: 0, errors: [] };
  const parser = parse({
    bom: true,
    delimiter: options.delimiter ?? ',',
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    on_skip: (error: CsvError | undefined) => {
      if (error) result.errors.push({ row: Number((error as { lines?: number }).lines ?? 0), message: error.message });
      return undefined;
    },
  });
  if (typeof source === 'string' || Buffer.isBuffer(source)) parser.end(source);
  else {
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);
  }

  let header: Map<string, number> | null = null;
  let width = 0;
  for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = entry;
    if (!header) {
      width = record.length;
      const resolved = resolveHeader(record, options);
      if ('missing' in resolved) {
        result.errors.push({
          row: info.lines,
          message: `missing column${resolved.missing.length > 1 ? 's' : ''}: ${resolved.missing.join(', ')}`,
        });
        parser.destroy();
        return result;
      }
      header = resolved.positions;
      continue;
    }
    if (record.length !== width) {
      result.errors.push({ row: info.lines, message: `expected ${width} fields, found ${record.length}` });
      continue;
    }
    const mapped = Object.fromEntries([...header].map(([field, index]) => [field, record[index] ?? '']));
    const unclean = rowViolation(mapped);
    if (unclean) {
      result.errors.push({ row: info.lines, message: unclean });
      continue;
    }
    const parsed = options.schema.safeParse(mapped);
    if (!parsed.success) {
      result.errors.push({ row: info.lines, message: describeIssues(parsed.error) });
      continue;
    }
    const cleaned = quantityViolation(parsed.data);
    if (cleaned) {
      result.errors.push({ row: info.lines, message: cleaned });
      continue;
    }
    if (!options.onRow) {
      result.rows.push(parsed.data);
      result.imported++;
      continue;
    }
    try {
      await options.onRow(parsed.data, info.lines);
      result.imported++;
    } catch (error) {
      result.errors.push({ row: info.lines, message: error instanceof Error ? error.message : String(error) });
    }
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

/**
 * Maps each field to the position of its column in the header (names compared case-, space-, `_`- and
 * `-`-insensitively), or names the required columns the header lacks. Shared by the synchronous import and the
 * batched import jobs.
 */
export function resolveHeader(
  names: string[],
  options: { columns: Record<string, string | readonly string[]>; optional?: readonly string[] | undefined },
): { positions: Map<string, number> } | { missing: string[] } {
  const normalise = (name: string) =>
    name
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
      .trim();
  const index = new Map(names.map((name, i) => [normalise(name), i]));
  const positions = new Map<string, number>();
  const missing: string[] = [];
  for (const [field, accepted] of Object.entries(options.columns)) {
    const candidates = typeof accepted === 'string' ? [accepted] : accepted;
    const found = candidates.map((c) => index.get(normalise(c))).find((i) => i !== undefined);
    if (found !== undefined) positions.set(field, found);
    else if (!options.optional?.includes(field)) missing.push(candidates[0] ?? field);
  }
  return missing.length ? { missing } : { positions };
}

/**
 * Why a row's cells break the input hygiene rules (no C0 control or bidi override characters, at most
 * MAX_TEXT_LENGTH characters), naming the column and the rule; null when they are clean. Cells arrive trimmed.
 */
export function rowViolation(cells: Record<string, string>): string | null {
  for (const [column, cell] of Object.entries(cells)) {
    const violation = textViolation(cell);
    if (violation) return `column ${column}: must have ${violation}`;
  }
  return null;
}

/** Why a validated row's quantity fields break the rules (whole numbers within MAX_LINE_QUANTITY), or null. */
function quantityViolation(row: unknown): string | null {
  try {
    cleanInput(row, '');
    return null;
  } catch (error) {
    if (isDomainError(error) && error.code === 'INVALID_INPUT') return error.message;
    throw error;
  }
}
