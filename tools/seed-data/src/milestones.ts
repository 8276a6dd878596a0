import type { Carrier } from './carriers.js';
import type { Rng } from './random.js';
import type { MilestoneStatus } from './statuses.js';
import { between, HOUR, MINUTE, DAY } from './time.js';

/** How far a shipment has got: the milestone list is the healthy scan sequence cut off at this point. */
export type ShipmentStage = 'created' | 'labelled' | 'picked' | 'transit' | 'out' | 'delivered' | 'returned';

/** Whether a transit exception occurred: none, one the carrier recovered from, or one still open. */
export type ExceptionKind = 'none' | 'recovered' | 'open';

/** A milestone with its time as epoch milliseconds (made ISO when the dataset is assembled). */
export interface DraftMilestone {
  status: MilestoneStatus;
  at: number;
  location: string;
  description: string;
}

/** Where and how one shipment travels. */
export interface Leg {
  createdAt: number;
  origin: string;
  destination: string;
  carrier: Carrier;
  transitDays: readonly [number, number];
}

/** Carrier sort hubs scans pass through between origin and destination. */
const HUBS = [
  'Secaucus, NJ',
  'Philadelphia, PA',
  'Hodgkins, IL',
  'Louisville, KY',
  'Memphis, TN',
  'Indianapolis, IN',
  'Columbus, OH',
  'Sparks, NV',
  'Ontario, CA',
  'Mesquite, TX',
  'Atlanta, GA',
  'Kansas City, MO',
];
const DELAYS = [
  'Weather delay: severe storms along the route.',
  'Missed the scheduled connection at the hub; rerouted on the next trailer.',
  'Label damaged in sorting; package relabeled.',
  'Mechanical failure of the linehaul trailer; freight transferred.',
];
const OPEN_DELAYS = [
  'Held at facility: address information incomplete, shipper contacted.',
  'Weather delay: regional facility closed, delivery will be rescheduled.',
];
const DELIVERIES = [
  'Delivered to the receiving dock.',
  'Delivered; signed for at the front desk.',
  'Delivered to the mailroom.',
  'Delivered; left at the loading door.',
];

/** Builds the scan history of a shipment up to `stage`, with strictly increasing times. */
export function buildMilestones(rng: Rng, leg: Leg, stage: ShipmentStage, exception: ExceptionKind): DraftMilestone[] {
  const milestones: DraftMilestone[] = [];
  let at = leg.createdAt;
  const scan = (
    status: MilestoneStatus,
    gap: readonly [number, number],
    location: string,
    description: string,
  ): void => {
    at += between(rng, gap[0], gap[1]);
    milestones.push({ status, at, location, description });
  };

  if (stage === 'created') return milestones;
  scan('LABEL_CREATED', [20 * MINUTE, 6 * HOUR], leg.origin, 'Shipping label created; awaiting carrier pickup.');
  if (stage === 'labelled') return milestones;
  scan('PICKED_UP', [1 * HOUR, 8 * HOUR], leg.origin, `Picked up by ${leg.carrier}.`);
  if (stage === 'picked') return milestones;

  scan('IN_TRANSIT', [1 * HOUR, 4 * HOUR], leg.origin, 'Departed origin facility.');
  const hubs = rng.sample(
    HUBS.filter((hub) => hub !== leg.origin && hub !== leg.destination),
    rng.int(0, Math.min(2, leg.transitDays[1] - 1)),
  );
  for (const hub of hubs) scan('IN_TRANSIT', [5 * HOUR, 16 * HOUR], hub, 'Arrived at carrier sort facility.');
  if (exception !== 'none') {
    scan(
      'EXCEPTION',
      [2 * HOUR, 12 * HOUR],
      hubs.at(-1) ?? leg.origin,
      rng.pick(exception === 'open' ? OPEN_DELAYS : DELAYS),
    );
    if (exception === 'open') return milestones;
    scan('IN_TRANSIT', [8 * HOUR, 30 * HOUR], hubs.at(-1) ?? leg.origin, 'Delay cleared; in transit to destination.');
  }
  if (stage === 'transit') return milestones;

  scan('OUT_FOR_DELIVERY', [4 * HOUR, 14 * HOUR], leg.destination, 'Out for delivery.');
  if (stage === 'out') return milestones;
  if (stage === 'returned') {
    scan('EXCEPTION', [1 * HOUR, 8 * HOUR], leg.destination, 'Delivery attempt failed: recipient address not found.');
    scan('IN_TRANSIT', [1 * DAY, 3 * DAY], leg.destination, 'Undeliverable as addressed; returning to sender.');
    scan('RETURNED_TO_SENDER', [1 * DAY, 4 * DAY], leg.origin, 'Returned to sender.');
    return milestones;
  }
  scan('DELIVERED', [1 * HOUR, 7 * HOUR], leg.destination, rng.pick(DELIVERIES));
  return milestones;
}
