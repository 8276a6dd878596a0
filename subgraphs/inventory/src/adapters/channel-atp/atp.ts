import { channelAvailabilityOf, channelRule, type Channel, type ChannelConfig } from '../../domain/index.js';
import type { InventoryStore } from '../../store/index.js';
import type { SkuAtp } from './target.js';

/**
 * Reads a SKU's current ATP for `channel` from the store: per eligible location its available less the channel's
 * buffer (the figure sourcing promises), and the total. Read at push time, so the latest value always wins.
 */
export function createAtpReader(deps: { inventory: InventoryStore; channels: ChannelConfig; now: () => Date }) {
  return async function atpOf(sku: string, channel: Channel): Promise<SkuAtp> {
    const positions = await deps.inventory.positionsBySkus([sku]);
    const ids = [...new Set(positions.map((p) => p.locationId))];
    const locations = new Map((await deps.inventory.locationsByIds(ids)).map((l) => [l.id, l]));
    const view = channelAvailabilityOf(
      positions,
      locations,
      channel,
      channelRule(deps.channels, channel),
      deps.now().toISOString(),
    );
    return {
      sku,
      total: view.available,
      byLocation: Object.fromEntries(view.byLocation.map((l) => [l.locationId, l.available])),
    };
  };
}

/** Every SKU with a position (what a full push covers). */
export async function stockedSkus(inventory: InventoryStore): Promise<string[]> {
  const positions = await inventory.positions.find({}, { projection: { sku: 1 } });
  return [...new Set(positions.map((p) => p.sku))].sort();
}
