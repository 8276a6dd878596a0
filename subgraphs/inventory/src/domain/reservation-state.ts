import { DomainError } from '@fulfillment-mesh/runtime';

/** Where a reservation is in its life (the schema's `ReservationStatus`). */
export type ReservationStatus =
  'PENDING' | 'ACTIVE' | 'PARTIALLY_COMMITTED' | 'COMMITTED' | 'RELEASED' | 'EXPIRED' | 'FAILED';

/** Why a reservation's stock went back (the schema's `ReservationReleaseReason`). */
export type ReleaseReason = 'CANCELLED' | 'EXPIRED' | 'COMPENSATED';

/** Every status, in schema order. */
export const RESERVATION_STATUSES = [
  'PENDING',
  'ACTIVE',
  'PARTIALLY_COMMITTED',
  'COMMITTED',
  'RELEASED',
  'EXPIRED',
  'FAILED',
] as const satisfies readonly ReservationStatus[];

/**
 * The allowed transitions. PENDING is the workflow holding stock line by line; it ends ACTIVE (everything held
 * or backordered) or FAILED (nothing held). An ACTIVE reservation is committed by shipments (partially, then
 * fully), released (order cancelled or workflow compensated) or expires (checkout hold). A partial commit can
 * be followed by more commits or a release of the rest, but not by expiry: once shipping started, the hold is
 * no longer a checkout hold.
 */
const TRANSITIONS: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  PENDING: ['ACTIVE', 'FAILED'],
  ACTIVE: ['PARTIALLY_COMMITTED', 'COMMITTED', 'RELEASED', 'EXPIRED'],
  PARTIALLY_COMMITTED: ['PARTIALLY_COMMITTED', 'COMMITTED', 'RELEASED'],
  COMMITTED: [],
  RELEASED: [],
  EXPIRED: [],
  FAILED: [],
};

/** True when `from → to` is allowed. */
export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses from which `to` can be reached: the `status: { $in }` guard of the transition's update. */
export function sourcesOf(to: ReservationStatus): ReservationStatus[] {
  return RESERVATION_STATUSES.filter((from) => canTransition(from, to));
}

/** True for a status no transition leaves. */
export function isTerminal(status: ReservationStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** The CONFLICT for a refused transition, naming the reservation, its current and the requested status. */
export function transitionConflict(id: string, from: ReservationStatus, to: ReservationStatus): DomainError {
  return new DomainError('CONFLICT', `Reservation "${id}" is ${from} and cannot become ${to}`, {
    entity: 'Reservation',
    id,
    current: from,
    requested: to,
  });
}

/** Throws {@link transitionConflict} unless `from → to` is allowed. */
export function assertTransition(id: string, from: ReservationStatus, to: ReservationStatus): void {
  if (!canTransition(from, to)) throw transitionConflict(id, from, to);
}

/**
 * What a release request does in `status`: release the holds, nothing (already released: a repeated request
 * is harmless), or refuse (PENDING must finish first; committed, expired and failed reservations hold nothing).
 */
export function releaseDecision(id: string, status: ReservationStatus): 'release' | 'already' {
  if (status === 'RELEASED') return 'already';
  assertTransition(id, status, 'RELEASED');
  return 'release';
}
