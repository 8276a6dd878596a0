import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { documentCoordinates, removeAfterOf } from '../src/usage/coordinates.js';
import { clientUsage, exportUsage, parseUsageExport } from '../src/usage/reader.js';
import { createUsageRecorder } from '../src/usage/recorder.js';
import { createFileUsageStore } from '../src/usage/store.js';

const schema = buildSchema(`
  type Query { orders(status: Status, filter: OrderFilter): [Order!]! }
  enum Status { OPEN SHIPPED }
  input OrderFilter { channel: String }
  type Order { id: ID! status: Status! }
`);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('usage building blocks', () => {
  it('a document touches fields, arguments, input fields and enum literals', () => {
    expect(
      documentCoordinates(schema, '{ orders(status: SHIPPED, filter: { channel: "WEB" }) { id status __typename } }'),
    ).toEqual([
      'Order.id',
      'Order.status',
      'OrderFilter.channel',
      'Query.orders',
      'Query.orders(filter:)',
      'Query.orders(status:)',
      'Status.SHIPPED',
    ]);
  });

  it('reads the retirement date of a deprecation reason, and none from an impossible date', () => {
    expect(removeAfterOf('Use sku. Remove after 2027-06-01')).toBe('2027-06-01');
    expect(removeAfterOf('Use sku. Remove after 2027-02-30')).toBeNull();
    expect(removeAfterOf('Use sku.')).toBeNull();
  });

  it('without Redis, counts in DATA_DIR/usage survive a restart and add to the new ones', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fm-usage-'));
    const observation = {
      hash: 'b'.repeat(64),
      name: 'Orders',
      clientId: 'pos',
      clientKind: 'storefront',
      clientVersion: null,
      document: '{ orders { id } }',
      coordinates: ['Order.id', 'Query.orders'],
    };
    const before = createUsageRecorder({ store: createFileUsageStore({ dir }) });
    before.record(observation);
    before.record(observation);
    await before.close();
    const after = createUsageRecorder({ store: createFileUsageStore({ dir }) });
    after.record(observation);
    await after.close();
    const usage = await exportUsage(createFileUsageStore({ dir }), new Date(Date.now() - 86_400_000));
    expect(clientUsage(usage, 'pos')).toMatchObject({ count: 3, operations: [{ name: 'Orders', count: 3 }] });
  });

  it('a usage export that is not JSON names the file, line, column and position', () => {
    expect(() => parseUsageExport('{"operations": [1,]}', 'usage.json')).toThrow(
      'usage.json:1:19: not valid JSON (ValueExpected at position 18)',
    );
    expect(() => parseUsageExport('{"operations": []}', 'usage.json')).toThrow('usage.json: not a usage export');
  });
});
