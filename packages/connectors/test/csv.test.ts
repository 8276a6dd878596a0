import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importCsv } from '../src/index.js';

const itemSchema = z.object({
  sku: z.string().min(1),
  price: z.string().regex(/^\d+\.\d{2}$/, 'expected a price like 12.50'),
  uom: z.string().min(1),
  status: z.enum(['ACTIVE', 'DISCONTINUED']).optional(),
});
const columns = { sku: ['SKU', 'Item Number'], price: 'Unit Price', uom: 'UOM', status: 'Status' };

describe('CSV import', () => {
  it('maps headers case- and space-insensitively and returns typed rows', async () => {
    const csv = 'item number,UNIT_PRICE,uom,Status\nFM-1,12.50,EA,ACTIVE\nFM-2,3.00,CS,DISCONTINUED\n';
    const result = await importCsv(csv, { columns, schema: itemSchema });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { sku: 'FM-1', price: '12.50', uom: 'EA', status: 'ACTIVE' },
      { sku: 'FM-2', price: '3.00', uom: 'CS', status: 'DISCONTINUED' },
    ]);
  });

  it('refuses a row with a control or bidi override character or an oversized cell, naming the column and the rule', async () => {
    const csv = [
      'SKU,Unit Price,UOM',
      'FM-1,12.50,EA',
      'FM-\u00002,1.00,EA',
      '\u202eFM-3,1.00,EA',
      `FM-4,1.00,${'E'.repeat(2_001)}`,
      'FM-5,5.00,EA',
    ].join('\n');
    const result = await importCsv(csv, { columns, optional: ['status'], schema: itemSchema });
    expect(result.rows.map((r) => r.sku)).toEqual(['FM-1', 'FM-5']);
    expect(result.errors).toEqual([
      { row: 3, message: 'column sku: must have no control characters (found U+0000)' },
      { row: 4, message: 'column sku: must have no bidirectional override characters (found U+202E)' },
      { row: 5, message: 'column uom: must have at most 2000 characters (found 2001)' },
    ]);
  });

  it('refuses a quantity that is not a whole number within MAX_LINE_QUANTITY, naming the field', async () => {
    const schema = z.object({ sku: z.string().min(1), quantity: z.coerce.number() });
    const csv = ['sku,quantity', 'FM-1,3', 'FM-2,1000000000', 'FM-3,2.5', 'FM-4,100000'].join('\n');
    const result = await importCsv(csv, { columns: { sku: 'sku', quantity: 'quantity' }, schema });
    expect(result.rows).toEqual([
      { sku: 'FM-1', quantity: 3 },
      { sku: 'FM-4', quantity: 100_000 },
    ]);
    expect(result.errors).toEqual([
      {
        row: 3,
        message: 'Invalid quantity: expected at most 100000 (MAX_LINE_QUANTITY; found 1000000000), received 1000000000',
      },
      { row: 4, message: 'Invalid quantity: expected a whole number (found 2.5), received 2.5' },
    ]);
  });

  it('collects every bad row with its line number and imports the rest', async () => {
    const csv = [
      'SKU,Unit Price,UOM',
      'FM-1,12.50,EA',
      'FM-2,twelve,EA', // invalid price
      'FM-3,1.00', // too few fields
      'FM-4,2.0"0,EA', // a stray quote inside an unquoted field
      'FM-5,5.00,EA',
    ].join('\n');
    const result = await importCsv(csv, { columns, optional: ['status'], schema: itemSchema });
    expect(result.rows.map((r) => r.sku)).toEqual(['FM-1', 'FM-5']);
    expect(result.errors).toEqual([
      { row: 3, message: 'price: expected a price like 12.50' },
      { row: 4, message: 'expected 3 fields, found 2' },
      { row: 5, message: 'Invalid Opening Quote: a quote is found on field 1 at line 5, value is "2.0"' },
    ]);
    expect(result.imported).toBe(2);
  });

  it('records a failed apply as that row’s error without stopping the file', async () => {
    const applied: string[] = [];
    const csv = 'SKU,Unit Price,UOM\nFM-1,1.00,EA\nFM-BAD,2.00,EA\nFM-3,3.00,EA\n';
    const result = await importCsv(Readable.from([csv.slice(0, 20), csv.slice(20)]), {
      columns,
      optional: ['status'],
      schema: itemSchema,
      onRow: async (row) => {
        if (row.sku === 'FM-BAD') throw new Error('Product "FM-BAD" was not found');
        applied.push(row.sku);
      },
    });
    expect(applied).toEqual(['FM-1', 'FM-3']);
    expect(result).toEqual({ rows: [], imported: 2, errors: [{ row: 3, message: 'Product "FM-BAD" was not found' }] });
  });

  it('fails the whole file only when a required column is missing', async () => {
    const result = await importCsv('SKU,Price\nFM-1,1.00\n', { columns, optional: ['status'], schema: itemSchema });
    expect(result).toEqual({
      rows: [],
      imported: 0,
      errors: [{ row: 1, message: 'missing columns: Unit Price, UOM' }],
    });
  });

  it('strips a byte-order mark and skips blank lines', async () => {
    const result = await importCsv(Buffer.from('\uFEFFSKU,Unit Price,UOM\n\nFM-1,1.00,EA\n\n'), {
      columns,
      optional: ['status'],
      schema: itemSchema,
    });
    expect(result.rows).toEqual([{ sku: 'FM-1', price: '1.00', uom: 'EA' }]);
  });
});
