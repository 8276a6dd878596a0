import { bookCarrier, carrierActor, type Booking } from './carriers.js';
import { cityLabel, locationById } from './locations.js';
import { buildMilestones, type DraftMilestone, type ExceptionKind, type ShipmentStage } from './milestones.js';
import { CANCEL_NOTES, intakeNote, REJECT_NOTES, RETURN_REASONS } from './notes.js';
import type { DraftLine } from './order-lines.js';
import type { Rng } from './random.js';
import type { OrderStatus } from './statuses.js';
import { between, DAY, HOUR, MINUTE } from './time.js';
import type { Channel } from './types.js';

/** A timeline entry with its time in milliseconds after the order was placed. */
export interface DraftEntry {
  status: OrderStatus;
  at: number;
  actor: string;
  note: string;
}

/** A shipment from one source location, times relative to the order's placement. */
export interface DraftShipment {
  locationId: string;
  booking: Booking;
  createdAt: number;
  lineIndexes: number[];
  milestones: DraftMilestone[];
}

/** The history of one order: its timeline and the shipments it released, ending at the order's status. */
export interface Fulfillment {
  timeline: DraftEntry[];
  shipments: DraftShipment[];
}

/** What the simulation needs to know about the order. */
export interface FulfillmentInput {
  channel: Channel;
  status: OrderStatus;
  lines: readonly DraftLine[];
  /** "City, ST" of the ship-to. */
  destination: string;
}

/** Statuses whose orders went through sourcing and release (and so have shipments). */
const RELEASED_OR_LATER: ReadonlySet<OrderStatus> = new Set([
  'RELEASED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'RETURN_REQUESTED',
  'RETURNED',
]);

const CHANNEL_ACTOR: Record<Channel, string> = {
  WEB: 'channel:web',
  MARKETPLACE: 'channel:marketplace',
  EDI: 'channel:edi',
  INSIDE_SALES: 'channel:inside-sales',
  STORE: 'channel:store',
};

/**
 * Walks one order along a plausible path to its final status: intake, validation, sourcing (sometimes via a
 * backorder), release, carrier scans, delivery and returns. Order entries driven by shipments take the scan
 * times, so timeline and milestones tell the same story.
 */
export function simulateFulfillment(rng: Rng, input: FulfillmentInput): Fulfillment {
  const final = input.status;
  const timeline: DraftEntry[] = [];
  let now = -MINUTE;
  // Entries are strictly increasing: an entry never lands on or before the previous one.
  const enter = (status: OrderStatus, at: number, actor: string, note: string): void => {
    now = Math.max(at, now + MINUTE);
    timeline.push({ status, at: now, actor, note });
  };
  const later = (min: number, max: number): number => now + between(rng, min, max);
  const sources = [...new Set(input.lines.map((line) => line.sourceLocationId))];
  const sourceNames = sources.map((id) => locationById(id).name).join(' and ');
  const [firstLine] = input.lines;
  const backorderNote = `Not enough ${firstLine?.sku ?? 'stock'} available for ${firstLine?.quantity ?? 0} units; waiting on replenishment.`;

  enter('PENDING_VALIDATION', 0, CHANNEL_ACTOR[input.channel], intakeNote(rng, input.channel));
  if (final === 'REJECTED') enter('REJECTED', later(MINUTE, 4 * HOUR), 'system:validation', rng.pick(REJECT_NOTES));
  if (final === 'BACKORDERED') enter('BACKORDERED', later(2 * MINUTE, HOUR), 'system:sourcing', backorderNote);
  if (final === 'CANCELLED') {
    const from = rng.weighted([
      ['PENDING_VALIDATION', 4],
      ['ACCEPTED', 3],
      ['BACKORDERED', 3],
    ] as const);
    if (from === 'ACCEPTED')
      enter('ACCEPTED', later(MINUTE, 45 * MINUTE), 'system:sourcing', `Validated; allocated to ${sourceNames}.`);
    if (from === 'BACKORDERED') enter('BACKORDERED', later(2 * MINUTE, HOUR), 'system:sourcing', backorderNote);
    const actor = from === 'BACKORDERED' ? 'system:sourcing' : CHANNEL_ACTOR[input.channel];
    enter(
      'CANCELLED',
      from === 'BACKORDERED' ? later(5 * DAY, 21 * DAY) : later(5 * MINUTE, 36 * HOUR),
      actor,
      CANCEL_NOTES[from],
    );
  }
  if (final !== 'ACCEPTED' && !RELEASED_OR_LATER.has(final)) return finish(final, timeline, []);

  if (rng.chance(0.12)) {
    enter('BACKORDERED', later(2 * MINUTE, HOUR), 'system:sourcing', backorderNote);
    enter(
      'ACCEPTED',
      later(2 * DAY, 10 * DAY),
      'system:sourcing',
      `Replenishment received; allocated to ${sourceNames}.`,
    );
  } else {
    enter('ACCEPTED', later(MINUTE, 45 * MINUTE), 'system:sourcing', `Validated; allocated to ${sourceNames}.`);
  }
  if (final === 'ACCEPTED') return finish(final, timeline, []);

  enter('RELEASED', later(15 * MINUTE, 8 * HOUR), 'system:sourcing', `Released to ${sourceNames} for picking.`);
  const returnToSender = final === 'RETURNED' && sources.length === 1 && rng.chance(0.35);
  const stages = shipmentStages(rng, final, sources.length, returnToSender);
  const shipments = sources.map((locationId, index): DraftShipment => {
    const lineIndexes = input.lines.flatMap((line, lineIndex) =>
      line.sourceLocationId === locationId ? [lineIndex] : [],
    );
    const units = lineIndexes.reduce((sum, lineIndex) => sum + (input.lines[lineIndex]?.quantity ?? 0), 0);
    const booking = bookCarrier(rng, input.channel, locationId, units);
    const stage = stages[index] ?? 'created';
    const leg = {
      createdAt: later(MINUTE, 5 * MINUTE),
      origin: cityLabel(locationById(locationId)),
      destination: input.destination,
      ...booking,
    };
    return {
      locationId,
      booking,
      createdAt: leg.createdAt,
      lineIndexes,
      milestones: buildMilestones(rng, leg, stage, exceptionFor(rng, stage)),
    };
  });

  const pickups = shipments
    .flatMap((shipment) =>
      shipment.milestones.filter((m) => m.status === 'PICKED_UP').map((m) => ({ at: m.at, shipment })),
    )
    .sort((a, b) => a.at - b.at);
  const [firstPickup] = pickups;
  const lastPickup = pickups.at(-1);
  if (firstPickup && (pickups.length < shipments.length || shipments.length > 1)) {
    const { locationId, booking } = firstPickup.shipment;
    enter(
      'PARTIALLY_SHIPPED',
      firstPickup.at,
      `wms:${locationId}`,
      `${locationById(locationId).name} handed its part to ${booking.carrier}; ${shipments.length - 1} more shipment(s) to follow.`,
    );
  }
  if (lastPickup && pickups.length === shipments.length) {
    const { locationId, booking } = lastPickup.shipment;
    enter(
      'SHIPPED',
      lastPickup.at,
      `wms:${locationId}`,
      shipments.length > 1
        ? 'All shipments handed to their carriers.'
        : `Handed to ${booking.carrier} (${booking.service}).`,
    );
  }
  const deliveries = shipments
    .flatMap((shipment) =>
      shipment.milestones.filter((m) => m.status === 'DELIVERED').map((m) => ({ at: m.at, shipment })),
    )
    .sort((a, b) => a.at - b.at);
  const lastDelivery = deliveries.at(-1);
  if (lastDelivery && deliveries.length === shipments.length) {
    const note = shipments.length > 1 ? 'All shipments delivered.' : 'Delivered to the customer.';
    enter('DELIVERED', lastDelivery.at, carrierActor(lastDelivery.shipment.booking.carrier), note);
  }
  const returned = shipments[0]?.milestones.find((m) => m.status === 'RETURNED_TO_SENDER');
  if (returned && shipments[0]) {
    enter(
      'RETURNED',
      returned.at,
      carrierActor(shipments[0].booking.carrier),
      'Carrier returned the package as undeliverable; stock received back.',
    );
  } else if (final === 'RETURN_REQUESTED' || final === 'RETURNED') {
    enter(
      'RETURN_REQUESTED',
      later(DAY, 10 * DAY),
      CHANNEL_ACTOR[input.channel],
      `Customer requested a return: ${rng.pick(RETURN_REASONS)}`,
    );
    if (final === 'RETURNED') {
      const dock = sources[0] ?? 'dc-east';
      enter(
        'RETURNED',
        later(2 * DAY, 12 * DAY),
        `wms:${dock}`,
        `Return received at ${locationById(dock).name} and inspected; credit issued.`,
      );
    }
  }
  return finish(final, timeline, shipments);
}

/** Where each shipment has got, given the order's final status. Shipment 0 is the primary's. */
function shipmentStages(rng: Rng, final: OrderStatus, count: number, returnToSender: boolean): ShipmentStage[] {
  const unshipped = (): ShipmentStage => rng.pick(['created', 'labelled'] as const);
  const inFlight = (allowDelivered: boolean): ShipmentStage =>
    rng.weighted([
      ['picked', 2],
      ['transit', 6],
      ['out', 2],
      ['delivered', allowDelivered ? 3 : 0],
    ] as const);
  const stages = Array.from({ length: count }, (): ShipmentStage => 'delivered');
  if (final === 'RELEASED') return stages.map(unshipped);
  if (final === 'PARTIALLY_SHIPPED') {
    if (count < 2) throw new Error('a partially shipped order needs at least two source locations');
    // One node has shipped, the others are still picking.
    const shipped = rng.int(0, count - 1);
    return stages.map((_, index) => (index === shipped ? inFlight(true) : unshipped()));
  }
  if (final === 'SHIPPED') {
    const inTransit = stages.map(() => inFlight(count > 1));
    // At least one package must still be on its way, or the order would be DELIVERED.
    if (!inTransit.some((stage) => stage !== 'delivered')) inTransit[0] = 'transit';
    return inTransit;
  }
  return returnToSender ? ['returned'] : stages;
}

/** A handful of shipments hit a transit exception: most in-transit ones are clean, some delivered ones were late. */
function exceptionFor(rng: Rng, stage: ShipmentStage): ExceptionKind {
  if (stage === 'transit')
    return rng.weighted([
      ['none', 7],
      ['recovered', 1.5],
      ['open', 1.5],
    ] as const);
  if (stage === 'out' || stage === 'delivered') return rng.chance(0.05) ? 'recovered' : 'none';
  return 'none';
}

function finish(final: OrderStatus, timeline: DraftEntry[], shipments: DraftShipment[]): Fulfillment {
  const last = timeline.at(-1);
  if (last?.status !== final) throw new Error(`simulated path ended at ${last?.status ?? 'nothing'}, not ${final}`);
  return { timeline, shipments };
}
