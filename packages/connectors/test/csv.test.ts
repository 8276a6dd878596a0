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
    expect(result).toEqual({ rows: [], imported: 0, errors: [{ row: 1, message: 'missing columns: Unit Price, UOM' }] });
  });

  it('strips a byte-order mark and skips blank lines', async () => {
    const result = await importCsv(Buffer.from('\uFEFFSKU,Unit Price,UOM\n\nFM-1,1.00,EA\n\n'), { columns, optional: ['status'], schema: itemSchema });
    expect(result.rows).toEqual([{ sku: 'FM-1', price: '1.00', uom: 'EA' }]);
  });
});
