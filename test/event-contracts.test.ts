import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventContracts as catalog } from '@fulfillment-mesh/catalog';
import { checkContracts, contractPairs, defineEvent, type SubgraphContracts } from '@fulfillment-mesh/events';
import { eventContracts as inventory } from '@fulfillment-mesh/inventory';
import { eventContracts as operations } from '@fulfillment-mesh/operations';
import { eventContracts as orders } from '@fulfillment-mesh/orders';
import { eventContracts as shipments } from '@fulfillment-mesh/shipments';

/**
 * Producer-owned event contracts: each producer publishes a versioned schema with an example it vouches for, and
 * every consumer's tolerant reader must accept that example. One case per (producer, consumer, type).
 */
const ALL: SubgraphContracts[] = [catalog, inventory, orders, shipments, operations];
const PAIRS = contractPairs(ALL);

/** `owner`'s contracts with `type` replaced by the same definition minus `field` (schema and example). */
function dropField(owner: SubgraphContracts, type: string, field: string, fromSchema = true): SubgraphContracts {
  const published = owner.published.map((def) => {
    if (def.type !== type) return def;
    const { [field]: _dropped, ...example } = def.example as Record<string, unknown>;
    const schema = def.schema as z.ZodObject;
    return defineEvent({
      type,
      version: def.version,
      description: def.description,
      schema: fromSchema ? schema.omit({ [field]: true }) : schema,
      example: fromSchema ? example : def.example,
    });
  });
  return { ...owner, published };
}

describe('event contracts', () => {
  it('names every producer-consumer pair of the mesh', () => {
    const byPair = new Set(PAIRS.map((p) => `${p.producer}->${p.consumer}`));
    expect([...byPair].sort()).toEqual([
      'catalog->operations',
      'inventory->inventory',
      'inventory->operations',
      'inventory->orders',
      'orders->inventory',
      'orders->operations',
      'orders->orders',
      'orders->shipments',
      'shipments->inventory',
      'shipments->operations',
      'shipments->orders',
    ]);
  });

  it('gives every published event an example its own schema keeps whole', () => {
    expect(checkContracts(ALL).filter((b) => b.pair === null)).toEqual([]);
  });

  it.each(
    PAIRS.map((pair) => [`${pair.consumer} reads ${pair.type} v${pair.version} from ${pair.producer}`, pair] as const),
  )('%s', (_name, pair) => {
    const breaks = checkContracts(ALL).filter((b) => b.pair?.consumer === pair.consumer && b.pair.type === pair.type);
    expect(breaks).toEqual([]);
  });

  it('fails when a producer drops a payload field a consumer needs', () => {
    const broken = checkContracts([
      catalog,
      inventory,
      dropField(orders, 'orders.order.placed', 'reservationKey'),
      shipments,
      operations,
    ]);
    expect(broken.map((b) => b.message)).toEqual([
      expect.stringMatching(
        /^inventory cannot read orders\.order\.placed v1 from orders: invalid data: reservationKey: /,
      ),
    ]);
  });

  it('fails when a producer drops a field from its schema but not from its example', () => {
    const broken = checkContracts([
      catalog,
      inventory,
      orders,
      dropField(shipments, 'shipments.shipment.confirmed', 'carrier', true),
      operations,
    ]);
    expect(broken).toEqual([]); // dropping from both is fine when no consumer needs the field
    const stale = {
      ...shipments,
      published: shipments.published.map((d) =>
        d.type === 'shipments.shipment.confirmed'
          ? { ...d, schema: (d.schema as z.ZodObject).omit({ carrier: true }) }
          : d,
      ),
    };
    expect(checkContracts([catalog, inventory, orders, stale, operations]).map((b) => b.message)).toEqual([
      "shipments's example of shipments.shipment.confirmed has fields its schema no longer declares",
    ]);
  });

  it('fails when a consumer reads a type its producer does not publish', () => {
    const withoutCommitted = {
      ...inventory,
      published: inventory.published.filter((d) => d.type !== 'inventory.reservation.committed'),
    };
    expect(checkContracts([catalog, withoutCommitted, orders, shipments, operations]).map((b) => b.message)).toEqual([
      'operations reads inventory.reservation.committed, which inventory does not publish',
    ]);
  });
});
