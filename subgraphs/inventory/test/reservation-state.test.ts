import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isTerminal,
  releaseDecision,
  RESERVATION_STATUSES,
  sourcesOf,
  type ReservationStatus,
} from '../src/domain/index.js';

const allowed: Array<[ReservationStatus, ReservationStatus]> = [
  ['PENDING', 'ACTIVE'],
  ['PENDING', 'FAILED'],
  ['ACTIVE', 'PARTIALLY_COMMITTED'],
  ['ACTIVE', 'COMMITTED'],
  ['ACTIVE', 'RELEASED'],
  ['ACTIVE', 'EXPIRED'],
  ['PARTIALLY_COMMITTED', 'PARTIALLY_COMMITTED'],
  ['PARTIALLY_COMMITTED', 'COMMITTED'],
  ['PARTIALLY_COMMITTED', 'RELEASED'],
];
const isAllowed = (from: ReservationStatus, to: ReservationStatus) => allowed.some(([f, t]) => f === from && t === to);
const pairs = RESERVATION_STATUSES.flatMap((from) => RESERVATION_STATUSES.map((to) => [from, to] as const));

describe('reservation state machine', () => {
  it.each(pairs.filter(([from, to]) => isAllowed(from, to)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(pairs.filter(([from, to]) => !isAllowed(from, to)))('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('derives the status guard of each transition from the table', () => {
    expect(sourcesOf('RELEASED')).toEqual(['ACTIVE', 'PARTIALLY_COMMITTED']);
    expect(sourcesOf('EXPIRED')).toEqual(['ACTIVE']);
    expect(sourcesOf('PENDING')).toEqual([]);
  });

  it('treats committed, released, expired and failed as terminal', () => {
    expect(RESERVATION_STATUSES.filter(isTerminal)).toEqual(['COMMITTED', 'RELEASED', 'EXPIRED', 'FAILED']);
  });

  it('releases active and partially committed reservations and repeats a release harmlessly', () => {
    expect(releaseDecision('R1', 'ACTIVE')).toBe('release');
    expect(releaseDecision('R1', 'PARTIALLY_COMMITTED')).toBe('release');
    expect(releaseDecision('R1', 'RELEASED')).toBe('already');
  });

  it.each(['PENDING', 'COMMITTED', 'EXPIRED', 'FAILED'] as const)(
    'refuses to release a %s reservation with a CONFLICT naming both states',
    (status) => {
      expect(() => releaseDecision('R1', status)).toThrow(`Reservation "R1" is ${status} and cannot become RELEASED`);
      try {
        releaseDecision('R1', status);
      } catch (error) {
        expect(error).toMatchObject({ code: 'CONFLICT', details: { current: status, requested: 'RELEASED' } });
      }
    },
  );
});
