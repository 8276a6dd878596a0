import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subgraphTester } from '@fulfillment-mesh/runtime';
import { harness, stocked } from './harness.js';

let env: Awaited<ReturnType<typeof harness>>;
let tester: Awaited<ReturnType<typeof subgraphTester>>;
beforeEach(async () => {
  env = await harness({ positions: [...stocked('A', { 'DC-EAST': 10, 'STORE-EAST': 6, '3PL-SOUTH': 1 })] });
  tester = await subgraphTester(env.subgraph);
});
afterEach(async () => {
  await tester.stop();
  await env.close();
});

const ADJUST = `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { sku onHand damaged qualityControl safetyStock available version } }`;
const adjust = (input: Record<string, unknown>) =>
  tester.run(ADJUST, { input: { sku: 'A', locationId: 'DC-EAST', reason: 'ADJUSTED', ...input } });
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { replayed reservation { id key status channel allocations { location { id name } lines { lineId sku quantity committed } } backordered { quantity } shortages { sku } expiresAt } } }`;

describe('adjustInventory', () => {
  it('changes quantities, bumps the version and answers the position', async () => {
    const result = await adjust({
      delta: { onHand: 5, damaged: 2 },
      reference: { type: 'RECEIPT', id: 'R-1' },
      source: 'wms',
      actor: 'dock-7',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.adjustInventory).toEqual({
      sku: 'A',
      onHand: 15,
      damaged: 2,
      qualityControl: 0,
      safetyStock: 0,
      available: 13,
      version: 2,
    });
    const [entry] = (await env.events()).map((e) => e.data);
    expect(entry).toMatchObject({
      reason: 'ADJUSTED',
      reference: { type: 'RECEIPT', id: 'R-1' },
      source: 'wms',
      actor: 'dock-7',
      delta: { onHand: 5, damaged: 2 },
      version: 2,
    });
  });

  it('refuses a stale expectedVersion with a CONFLICT naming both versions', async () => {
    await adjust({ delta: { onHand: 1 }, expectedVersion: 1 });
    const result = await adjust({ delta: { onHand: 1 }, expectedVersion: 1 });
    expect(result.errors?.[0]).toMatchObject({
      message: 'InventoryPosition "A@DC-EAST" is at version 2, expected version 1',
      extensions: { code: 'CONFLICT', expectedVersion: 1, actualVersion: 2 },
    });
  });

  it('refuses a change leaving a quantity negative with INVALID_INPUT naming the field', async () => {
    const result = await adjust({ delta: { onHand: -11 } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'delta.onHand' } });
    expect(result.errors?.[0]?.message).toContain('expected a change leaving onHand >= 0 (onHand is 10), received -11');
  });

  it('creates a position when receiving at a known location, and refuses an unknown location', async () => {
    const received = await tester.run(ADJUST, {
      input: { sku: 'NEW', locationId: 'DC-WEST', reason: 'RECEIVED', delta: { onHand: 4 } },
    });
    expect(received.data?.adjustInventory).toMatchObject({ sku: 'NEW', onHand: 4, version: 2 });
    const unknown = await tester.run(ADJUST, {
      input: { sku: 'NEW', locationId: 'NOWHERE', reason: 'RECEIVED', delta: { onHand: 4 } },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Location "NOWHERE" was not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('reservations over GraphQL', () => {
  it('reserves, answers a repeated key as replayed and reads the reservation back', async () => {
    const input = {
      key: 'k1',
      orderId: 'o1',
      channel: 'WEB',
      lines: [{ lineId: 'L1', sku: 'A', quantity: 3 }],
      ttlSeconds: 600,
    };
    const first = await tester.run(RESERVE, { input });
    expect(first.errors).toBeUndefined();
    const { reservation } = first.data?.reserveStock as { reservation: { id: string } };
    expect(first.data?.reserveStock).toEqual({
      replayed: false,
      reservation: {
        id: reservation.id,
        key: 'k1',
        status: 'ACTIVE',
        channel: 'WEB',
        allocations: [
          {
            location: { id: 'DC-EAST', name: 'Location DC-EAST' },
            lines: [{ lineId: 'L1', sku: 'A', quantity: 3, committed: 0 }],
          },
        ],
        backordered: [],
        shortages: [],
        expiresAt: '2026-11-26T12:10:00.000Z',
      },
    });
    expect((await tester.run(RESERVE, { input })).data?.reserveStock).toMatchObject({
      replayed: true,
      reservation: { id: reservation.id },
    });
    const read = await tester.run(`query($id: ID!) { reservation(id: $id) { status } }`, { id: reservation.id });
    expect(read.data?.reservation).toEqual({ status: 'ACTIVE' });
  });

  it('names the line of a bad quantity', async () => {
    const result = await tester.run(RESERVE, {
      input: { key: 'k1', channel: 'WEB', lines: [{ lineId: 'L9', sku: 'A', quantity: -1 }] },
    });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Invalid quantity of line "L9" (lines[0]): expected a whole number >= 1, received -1',
      extensions: { code: 'INVALID_INPUT', field: 'lines[0].quantity', lineId: 'L9' },
    });
  });

  it('releases and extends through the service API, refusing EXPIRED as a caller reason', async () => {
    const created = await tester.run(RESERVE, {
      input: { key: 'k1', channel: 'WEB', lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }] },
    });
    const id = (created.data?.reserveStock as { reservation: { id: string } }).reservation.id;
    const extended = await tester.run(
      `mutation($id: ID!) { extendReservation(id: $id, ttlSeconds: 60) { expiresAt } }`,
      { id },
    );
    expect(extended.data?.extendReservation).toEqual({ expiresAt: '2026-11-26T12:01:00.000Z' });
    const expired = await tester.run(`mutation($id: ID!) { releaseReservation(id: $id, reason: EXPIRED) { status } }`, {
      id,
    });
    expect(expired.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'reason' } });
    const released = await tester.run(
      `mutation($id: ID!) { releaseReservation(id: $id, reason: CANCELLED) { status releaseReason } }`,
      { id },
    );
    expect(released.data?.releaseReservation).toEqual({ status: 'RELEASED', releaseReason: 'CANCELLED' });
    const again = await tester.run(`mutation($id: ID!) { extendReservation(id: $id, ttlSeconds: 60) { status } }`, {
      id,
    });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', current: 'RELEASED' } });
  });
});

describe('channel availability and the ledger', () => {
  const AVAILABILITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { all: availability { available channel } web: availability(channel: WEB) { available channel byLocation { location { id } available } } store: availability(channel: STORE) { available } } } }`;

  it('answers each channel its eligible locations less its buffer, and the plain total without a channel', async () => {
    const result = await tester.run(AVAILABILITY, { r: [{ __typename: 'Product', sku: 'A' }] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        all: { available: 17, channel: null },
        web: {
          available: 8,
          channel: 'WEB',
          byLocation: [
            { location: { id: 'DC-EAST' }, available: 8 },
            { location: { id: '3PL-SOUTH' }, available: 0 },
          ],
        },
        store: { available: 16 },
      },
    ]);
  });

  it('lists a position’s ledger newest first once the projection has caught up', async () => {
    await env.subgraph.start();
    await adjust({ delta: { onHand: 1 } });
    await adjust({ delta: { safetyStock: 2 }, reason: 'COUNTED' });
    const query = `{ inventoryPosition(sku: "A", locationId: "DC-EAST") { ledger(first: 5) { reason version delta { onHand safetyStock } resulting { onHand safetyStock available } source actor } } }`;
    const deadline = Date.now() + 5_000;
    let ledger: unknown[] = [];
    while (ledger.length < 2 && Date.now() < deadline) {
      ledger = ((await tester.run(query)).data?.inventoryPosition as { ledger: unknown[] }).ledger;
      if (ledger.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(ledger).toEqual([
      {
        reason: 'COUNTED',
        version: 3,
        delta: { onHand: 0, safetyStock: 2 },
        resulting: { onHand: 11, safetyStock: 2, available: 9 },
        source: 'api',
        actor: 'anonymous',
      },
      {
        reason: 'ADJUSTED',
        version: 2,
        delta: { onHand: 1, safetyStock: 0 },
        resulting: { onHand: 11, safetyStock: 0, available: 11 },
        source: 'api',
        actor: 'anonymous',
      },
    ]);
    const bad = await tester.run(`{ inventoryPosition(sku: "A", locationId: "DC-EAST") { ledger(first: 0) { id } } }`);
    expect(bad.errors?.[0]).toMatchObject({
      message: 'Invalid first: expected a whole number from 1 to 100, received 0',
    });
  });
});
