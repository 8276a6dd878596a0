import { DomainError, notFound } from '@fulfillment-mesh/runtime';
import { parseTtl, releaseDecision, remainingLines, type ReleaseReason } from '../../domain/index.js';
import type { ReservationDoc } from '../../store/models.js';
import type { LedgerContext } from '../../store/position-writer.js';
import { finishRelease, later, releasedEvent, reservationRef, transition, type ServiceDeps } from './records.js';

/** Release, extension and expiry of reservations: every transition guarded by the current status. */
export function createLifecycle(deps: ServiceDeps) {
  const read = async (id: string): Promise<ReservationDoc> => {
    const doc = await deps.inventory.reservations.findOne({ _id: id });
    if (!doc) throw notFound('Reservation', id);
    return doc;
  };
  const context = (id: string, source: string, actor: string): LedgerContext => ({
    reference: reservationRef(id),
    source,
    actor,
  });

  /**
   * Releases what an ACTIVE or PARTIALLY_COMMITTED reservation still holds. Releasing a RELEASED one again is
   * harmless (it finishes an interrupted release); PENDING, COMMITTED, EXPIRED and FAILED are CONFLICTs naming
   * the current and the requested status.
   */
  async function release(
    id: string,
    reason: Exclude<ReleaseReason, 'EXPIRED'>,
    source: string,
    actor: string,
  ): Promise<ReservationDoc> {
    for (;;) {
      const doc = await read(id);
      if (releaseDecision(id, doc.status) === 'already')
        return doc.holdsOpen ? finishRelease(deps, doc, context(id, source, actor)) : doc;
      const event = releasedEvent(doc, reason, remainingLines(doc.allocations, doc.commits), deps.now());
      const fields = {
        releaseReason: reason,
        holdsOpen: true,
        expiresAt: null,
        sweepAt: later(deps, deps.options.sweepLeaseMs),
      };
      // Guarded by version too, so that the event lists exactly what was held when the release won.
      const after = await transition(deps, id, 'RELEASED', fields, [event], { version: doc.version });
      if (after) return finishRelease(deps, after, context(id, source, actor));
    }
  }

  /** Moves the expiry of an ACTIVE reservation to `ttlSeconds` from now (also gives a TTL to one without). */
  async function extend(id: string, ttlSeconds: number): Promise<ReservationDoc> {
    const ttl = parseTtl(ttlSeconds, deps.options.limits);
    const now = deps.now().toISOString();
    const expiresAt = later(deps, ttl * 1_000);
    const after = await deps.inventory.reservations.findOneAndUpdate(
      { _id: id, status: 'ACTIVE', $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      { $set: { expiresAt, sweepAt: expiresAt, updatedAt: now }, $inc: { version: 1 } },
    );
    if (after) return after;
    const doc = await read(id);
    const why = doc.status === 'ACTIVE' ? `expired at ${doc.expiresAt}` : `is ${doc.status}`;
    throw new DomainError(
      'CONFLICT',
      `Reservation "${id}" ${why}; only an unexpired ACTIVE reservation can be extended`,
      { entity: 'Reservation', id, current: doc.status, requested: 'ACTIVE' },
    );
  }

  /** Expires an ACTIVE reservation past its `expiresAt` and releases its holds; false when it is not (any more). */
  async function expire(doc: ReservationDoc): Promise<boolean> {
    const now = deps.now().toISOString();
    if (doc.status !== 'ACTIVE' || doc.expiresAt === null || doc.expiresAt > now) return false;
    const event = releasedEvent(doc, 'EXPIRED', remainingLines(doc.allocations, doc.commits), deps.now());
    const fields = { releaseReason: 'EXPIRED', holdsOpen: true, sweepAt: later(deps, deps.options.sweepLeaseMs) };
    // A commit or an extension since `doc` was read changed its version: then they won, and nothing expires.
    const after = await transition(deps, doc._id, 'EXPIRED', fields, [event], {
      version: doc.version,
      expiresAt: { $lte: now },
    });
    if (!after) return false;
    await finishRelease(deps, after, context(doc._id, 'sweeper', 'system:sweeper'));
    return true;
  }

  return { release, extend, expire, read };
}

/** The lifecycle service. */
export type Lifecycle = ReturnType<typeof createLifecycle>;
