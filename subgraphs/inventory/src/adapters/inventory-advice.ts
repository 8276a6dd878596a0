import {
  build846,
  buildInterchange,
  type ControlNumberAllocator,
  type EdiIdentity,
  type GeneratedInterchange,
  type InventoryAdvice,
} from '@fulfillment-mesh/connectors';
import { channelAvailabilityOf, channelRule, type Channel, type ChannelConfig } from '../domain/index.js';
import type { PositionDoc } from '../store/models.js';
import type { InventoryStore } from '../store/index.js';

/** A trading partner that receives inventory advice (846). */
export interface EdiPartner {
  /** Our id for the partner (`?partner=`). */
  id: string;
  /** The partner's interchange identity (ISA07/08, GS03). */
  isa: EdiIdentity;
  /** Whose available-to-promise the partner sees; default `EDI` (its eligible locations, less its buffer). */
  channel?: Channel;
  /** Unit of measure sent with every quantity; default `EA`. */
  uom?: string;
  /** ISA15; default `P`. */
  usage?: 'P' | 'T';
}

/**
 * Builds EDI 846 inventory advice for partners from current channel ATP: one LIN per SKU stocked at an
 * eligible location, QTY*33 = what the partner's channel can promise (the same figure sourcing applies), DTM*018
 * the next expected arrival. Control numbers come from the persisted allocator, so each partner sees a
 * gap-free sequence.
 */
export function createInventoryAdvice(deps: {
  inventory: InventoryStore;
  channels: ChannelConfig;
  allocator: ControlNumberAllocator;
  sender: EdiIdentity;
  now: () => Date;
}) {
  /** The canonical advice (before X12), for tests and other formats. */
  async function adviceFor(partner: EdiPartner): Promise<InventoryAdvice> {
    const at = deps.now();
    const channel = partner.channel ?? 'EDI';
    const rule = channelRule(deps.channels, channel);
    const locations = new Map((await deps.inventory.locations(null)).map((l) => [l.id, l]));
    const bySku = new Map<string, PositionDoc[]>();
    for (const position of await deps.inventory.positions.find({}, { sort: { sku: 1 } }))
      bySku.set(position.sku, [...(bySku.get(position.sku) ?? []), position]);
    const items: InventoryAdvice['items'] = [];
    for (const [sku, positions] of [...bySku].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const view = channelAvailabilityOf(positions, locations, channel, rule, at.toISOString());
      if (view.byLocation.length === 0) continue; // stocked nowhere this partner is served from
      const eligible = new Set(view.byLocation.map((l) => l.locationId));
      const arrivals = positions
        .filter((p) => eligible.has(p.locationId) && p.incoming && p.incoming.quantity > 0 && p.incoming.expectedAt)
        .map((p) => p.incoming!.expectedAt!);
      const next = arrivals.sort()[0];
      items.push({
        sku,
        uom: partner.uom ?? 'EA',
        available: view.available,
        ...(next ? { nextAvailableDate: next.slice(0, 10) } : {}),
      });
    }
    return {
      reportId: `ATP-${partner.id}-${at.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`,
      asOf: at.toISOString(),
      items,
    };
  }

  /** The 846 interchange for `partner`, ready to send. */
  async function build(partner: EdiPartner): Promise<GeneratedInterchange> {
    const advice = await adviceFor(partner);
    return buildInterchange({
      sender: deps.sender,
      receiver: partner.isa,
      transactions: [build846(advice)],
      allocator: deps.allocator,
      usage: partner.usage ?? 'P',
      at: deps.now(),
    });
  }

  return { adviceFor, build };
}

/** The inventory advice service. */
export type InventoryAdviceService = ReturnType<typeof createInventoryAdvice>;
