import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { createShipmentStore } from '../src/store/index.js';
import { shipment, withoutTrackingNumber } from './fixtures.js';

describe('shipment store', () => {
  it('lets any number of shipments go without a tracking number (the field is omitted, the index sparse)', async () => {
    const shipments = await createShipmentStore(openEmbeddedStore());
    await shipments.insertMany([
      withoutTrackingNumber(shipment('SH-1', 1)),
      withoutTrackingNumber(shipment('SH-2', 2)),
    ]);
    expect(await shipments.count({})).toBe(2);
  });

  it('refuses a second shipment with a tracking number already in use', async () => {
    const shipments = await createShipmentStore(openEmbeddedStore());
    await shipments.insertMany([shipment('SH-1', 1, { trackingNumber: '1Z-1' })]);
    await expect(shipments.insertMany([shipment('SH-2', 2, { trackingNumber: '1Z-1' })])).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    expect((await shipments.byTrackingNumber('1Z-1'))?._id).toBe('SH-1');
  });

  it('keeps its indexes when created again on the same store (start-up is idempotent)', async () => {
    const store = openEmbeddedStore();
    await (await createShipmentStore(store)).insertMany([shipment('SH-1', 1)]);
    const again = await createShipmentStore(store);
    await expect(again.insertMany([shipment('SH-2', 2, { trackingNumber: '1Z-SH-1' })])).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
  });
});
