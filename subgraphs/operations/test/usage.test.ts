import { createMemoryUsageStore, createUsageRecorder } from '@fulfillment-mesh/access';
import { describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import { usageResolvers } from '../src/resolvers.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const operator = { client: { id: 'ops-1', scopes: ['operations:read'] } } as unknown as Context;

async function seededStore() {
  const store = createMemoryUsageStore();
  const recorder = createUsageRecorder({ store, now: () => NOW.getTime() - 3_600_000 });
  for (let i = 0; i < 4; i++)
    recorder.record({
      hash: 'a'.repeat(64),
      name: 'OrderErp',
      clientId: 'acme-wms',
      clientKind: 'partner',
      clientVersion: '2.1',
      document: 'query OrderErp { order(id: "1") { id erpOrderNumber } }',
      coordinates: ['Order.erpOrderNumber', 'Order.id', 'Query.order', 'Query.order(id:)'],
    });
  await recorder.close();
  return store;
}

describe('operator usage queries', () => {
  it('schemaUsage names the clients and operations using a coordinate, with counts and last seen', async () => {
    const { schemaUsage } = usageResolvers(await seededStore(), () => NOW);
    expect(await schemaUsage(null, { coordinate: 'Order.erpOrderNumber' }, operator)).toEqual({
      coordinate: 'Order.erpOrderNumber',
      count: 4,
      lastSeen: '2026-12-03T11:00:00.000Z',
      clients: [
        {
          clientId: 'acme-wms',
          clientKind: 'partner',
          clientVersion: '2.1',
          count: 4,
          lastSeen: '2026-12-03T11:00:00.000Z',
        },
      ],
      operations: [
        {
          hash: 'a'.repeat(64),
          name: 'OrderErp',
          clientId: 'acme-wms',
          count: 4,
          lastSeen: '2026-12-03T11:00:00.000Z',
        },
      ],
    });
  });

  it('clientUsage of an unknown client is empty, not an error', async () => {
    const { clientUsage } = usageResolvers(await seededStore(), () => NOW);
    expect(await clientUsage(null, { clientId: 'nobody' }, operator)).toEqual({
      clientId: 'nobody',
      count: 0,
      operations: [],
      coordinates: [],
    });
  });

  it('refuses callers without operations:read and a since that is no date', async () => {
    const { schemaUsage } = usageResolvers(await seededStore(), () => NOW);
    const guest = { client: { id: 'shop', scopes: [] } } as unknown as Context;
    await expect(schemaUsage(null, { coordinate: 'Order.id' }, guest)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(schemaUsage(null, { coordinate: 'Order.id', since: 'last week' }, operator)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
