import { randomUUID } from 'node:crypto';
import { newOutbox } from '@fulfillment-mesh/events';
import { DomainError, DuplicateKeyError } from '@fulfillment-mesh/runtime';
import {
  channelRule,
  isChannel,
  parseReserveRequest,
  planHold,
  type ChannelRule,
  type RawReserveRequest,
  type ReserveRequest,
  type SourcingResult,
} from '../../domain/index.js';
import type { ReservationDoc } from '../../store/models.js';
import type { Filter } from '@fulfillment-mesh/runtime';
import type { LedgerContext } from '../../store/position-writer.js';
import { candidates, holdsOf, same, type Hold } from './planning.js';
import {
  confirmedEvent,
  failedEvent,
  heldPositions,
  later,
  releaseAt,
  reservationRef,
  transition,
  type ServiceDeps,
} from './records.js';

/** What reserveStock answers: the reservation, and whether its key had been used before. */
export interface ReserveOutcome {
  reservation: ReservationDoc;
  replayed: boolean;
}

/**
 * The reserve workflow. Idempotent on `key`: the unique index lets exactly one caller insert the PENDING
 * reservation; duplicates in this process await that caller, duplicates elsewhere read it back (waiting a
 * little while it is PENDING). The inserting caller sources, records the plan (and every position it may
 * touch) before holding, holds line by line with guarded writes, and on a lost race compensates (releases the
 * holds taken) and sources again, up to `sourcingAttempts` rounds, before answering FAILED with shortages.
 *
 * Crash safety: a PENDING reservation whose run outlived its lease (`pendingTimeoutMs`; the process died) is
 * resumed, not failed: the sweeper (or a duplicate call that finds it) takes it over with a new `driver` token,
 * gives back holds outside its last recorded plan, holds that plan again (holds already taken are kept: a hold is
 * one per reservation and position) and finishes it ACTIVE, or FAILED only when the stock is really short.
 */
export function createReserver(deps: ServiceDeps) {
  const { options } = deps;
  const inflight = new Map<string, Promise<ReserveOutcome>>();

  async function reserve(raw: RawReserveRequest, actor: string): Promise<ReserveOutcome> {
    const request = parseReserveRequest(raw, options.channels, options.limits);
    const running = inflight.get(request.key);
    if (running) return { reservation: same((await running).reservation, request), replayed: true };
    const run = insertAndDrive(request, actor);
    inflight.set(request.key, run);
    try {
      return await run;
    } finally {
      inflight.delete(request.key);
    }
  }

  async function insertAndDrive(request: ReserveRequest, actor: string): Promise<ReserveOutcome> {
    // Sourcing first is harmless (it only reads) and lets the insert record the first plan: one write fewer.
    const rule = channelRule(options.channels, request.channel);
    const plan = await source(request, rule);
    const doc = newReservation(request, plan);
    try {
      await deps.inventory.reservations.insertOne(doc);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return { reservation: await existing(request), replayed: true };
      throw error;
    }
    return {
      reservation: await drive(doc, request, rule, plan, {
        reference: reservationRef(doc._id),
        source: 'reservations',
        actor,
      }),
      replayed: false,
    };
  }

  /** A PENDING reservation recording its first plan (and the positions it will touch) before any hold. */
  function newReservation(request: ReserveRequest, plan: SourcingResult | null): ReservationDoc {
    const at = deps.now().toISOString();
    return {
      _id: `rsv-${randomUUID()}`,
      ...request,
      status: 'PENDING',
      allocations: plan?.ok ? plan.allocations : [],
      backordered: plan?.ok ? plan.backordered : [],
      shortages: [],
      failureReason: null,
      releaseReason: null,
      commits: [],
      touched: plan?.ok ? holdsOf(plan.allocations).map((h) => h.positionId) : [],
      holdsOpen: false,
      expiresAt: null,
      // The PENDING lease: past it, the sweeper presumes this caller died and resumes the reservation.
      sweepAt: later(deps, options.pendingTimeoutMs),
      driver: randomUUID(),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  }

  /**
   * The reservation of a used key, once it left PENDING (or PENDING after `duplicateWaitMs`). A PENDING one past
   * its lease was left by a run that died: this call resumes it rather than waiting for the sweeper.
   */
  async function existing(request: ReserveRequest): Promise<ReservationDoc> {
    const deadline = Date.now() + options.duplicateWaitMs;
    for (;;) {
      const doc = await deps.inventory.reservations.findOne({ key: request.key });
      if (!doc)
        throw new DomainError(
          'UNAVAILABLE',
          `Reservation key "${request.key}" is taken but its reservation could not be read; retry`,
          { key: request.key },
        );
      same(doc, request);
      if (doc.status === 'PENDING' && doc.sweepAt !== null && doc.sweepAt <= deps.now().toISOString()) {
        const resumed = await resume(doc, { sweepAt: doc.sweepAt }, 'system:reservations');
        if (resumed) return resumed;
        continue;
      }
      if (doc.status !== 'PENDING' || Date.now() >= deadline) return doc;
      await new Promise((resolve) => setTimeout(resolve, options.duplicatePollMs));
    }
  }

  /**
   * Resumes a PENDING reservation whose run died (its lease passed): takes it over when it still matches `guard`
   * (so that one resumer wins), then continues from its last recorded plan. Null when another run took it over or
   * it left PENDING meanwhile.
   */
  async function resume(doc: ReservationDoc, guard: Filter, actor: string): Promise<ReservationDoc | null> {
    const at = deps.now().toISOString();
    const taken = await deps.inventory.reservations.findOneAndUpdate(
      { ...guard, _id: doc._id, status: 'PENDING' },
      {
        $set: { driver: randomUUID(), sweepAt: later(deps, options.pendingTimeoutMs), updatedAt: at },
        $inc: { version: 1 },
      },
    );
    if (!taken) return null;
    deps.logger.warn(
      { reservationId: taken._id, key: taken.key, since: taken.createdAt },
      'resuming a reservation whose run did not finish',
    );
    const request = requestOf(taken);
    const rule = channelRule(options.channels, request.channel);
    const context = { reference: reservationRef(taken._id), source: 'reservations', actor };
    const recorded = taken.allocations.length + taken.backordered.length > 0;
    const plan: SourcingResult = recorded
      ? { ok: true, allocations: taken.allocations, backordered: taken.backordered }
      : await source(request, rule);
    // Holds of an earlier sourcing round (outside the recorded plan) go back first; the plan's own are kept.
    const planned = new Set(plan.ok ? holdsOf(plan.allocations).map((h) => h.positionId) : []);
    await releaseAt(
      deps,
      taken._id,
      heldPositions(taken).filter((id) => !planned.has(id)),
      'RELEASED',
      context,
    );
    return drive(taken, request, rule, plan, context);
  }

  async function drive(
    doc: ReservationDoc,
    request: ReserveRequest,
    rule: ChannelRule,
    first: SourcingResult,
    context: LedgerContext,
  ): Promise<ReservationDoc> {
    try {
      let plan = first;
      for (let round = 1; round <= options.sourcingAttempts; round++) {
        if (round > 1) plan = await source(request, rule);
        if (!plan.ok) return await fail(doc, plan.reason, plan.shortages, context);
        const holds = holdsOf(plan.allocations);
        // Record the plan before holding (the insert did for round 1): whoever compensates finds every position.
        if (round > 1 && !(await record(doc, plan, holds))) return await lost(doc, context);
        if (await holdAll(doc._id, holds, rule.buffer, context)) return await activate(doc, request, plan, context);
        // A concurrent buyer took planned stock: give back this round's holds, then source again.
        await releaseAt(
          deps,
          doc._id,
          holds.map((h) => h.positionId),
          'RELEASED',
          context,
        );
      }
      const final = await source({ ...request, allowBackorder: false }, rule);
      const reason = `Concurrent orders kept taking the sourced stock; gave up after ${options.sourcingAttempts} attempts`;
      return await fail(doc, final.ok ? reason : final.reason, final.ok ? [] : final.shortages, context);
    } catch (error) {
      await compensateAfterError(doc, context, error);
      throw error;
    }
  }

  /** Plans where the request ships from, with the channel's rule applied to current stock. */
  async function source(request: ReserveRequest, rule: ChannelRule): Promise<SourcingResult> {
    return options.strategy.source({
      lines: request.lines,
      locations: await candidates(deps.inventory, request.lines, rule),
      shipToRegion: request.shipToRegion,
      maxSplits: rule.maxSplits,
      allowBackorder: rule.allowBackorder && request.allowBackorder !== false,
      channel: request.channel,
    });
  }

  /** Records a new plan on a reservation still PENDING; false when the sweeper or another run took it over meanwhile. */
  async function record(
    doc: ReservationDoc,
    plan: Extract<SourcingResult, { ok: true }>,
    holds: readonly Hold[],
  ): Promise<boolean> {
    const update = {
      $set: { allocations: plan.allocations, backordered: plan.backordered, updatedAt: deps.now().toISOString() },
      $addToSet: { touched: { $each: holds.map((h) => h.positionId) } },
    };
    return (
      (await deps.inventory.reservations.updateOne({ ...drivenBy(doc), _id: doc._id, status: 'PENDING' }, update))
        .matchedCount === 1
    );
  }

  /** Holds every position in turn; false as soon as one is short (the caller compensates). */
  async function holdAll(
    reservationId: string,
    holds: readonly Hold[],
    buffer: number,
    context: LedgerContext,
  ): Promise<boolean> {
    for (const hold of holds) {
      const outcome = await deps.writer.change(
        hold.positionId,
        (position) => planHold(position, reservationId, hold.quantity, buffer),
        context,
        reservationId,
      );
      if (outcome.kind === 'short' || outcome.kind === 'missing') return false;
    }
    return true;
  }

  async function activate(
    doc: ReservationDoc,
    request: ReserveRequest,
    plan: Extract<SourcingResult, { ok: true }>,
    context: LedgerContext,
  ): Promise<ReservationDoc> {
    const at = deps.now();
    const expiresAt =
      request.ttlSeconds === null ? null : new Date(at.getTime() + request.ttlSeconds * 1_000).toISOString();
    const active = { ...doc, allocations: plan.allocations, backordered: plan.backordered, expiresAt };
    const fields = { allocations: plan.allocations, backordered: plan.backordered, expiresAt, sweepAt: expiresAt };
    const after = await transition(deps, doc._id, 'ACTIVE', fields, [confirmedEvent(active, at)], drivenBy(doc));
    return after ?? (await lost(doc, context));
  }

  async function fail(
    doc: ReservationDoc,
    reason: string,
    shortages: ReservationDoc['shortages'],
    context: LedgerContext,
  ): Promise<ReservationDoc> {
    const fields = { failureReason: reason, shortages, allocations: [], backordered: [], sweepAt: null };
    const after = await transition(
      deps,
      doc._id,
      'FAILED',
      fields,
      [failedEvent(doc, reason, shortages, deps.now())],
      drivenBy(doc),
    );
    return after ?? (await lost(doc, context));
  }

  /**
   * Another run took this reservation over (it outlived its lease) or it ended meanwhile: when it ended FAILED,
   * release whatever we held, including holds taken after the other run's compensation pass. A reservation that
   * another run drives is left to it (our holds are at positions it recorded, and it keeps or gives them back).
   */
  async function lost(doc: ReservationDoc, context: LedgerContext): Promise<ReservationDoc> {
    const current = await deps.inventory.reservations.findOne({ _id: doc._id });
    if (!current) throw new Error(`reservation ${doc._id} vanished`);
    if (current.status === 'FAILED') await releaseAt(deps, doc._id, heldPositions(current), 'RELEASED', context);
    return current;
  }

  /** An unexpected error (store down, bug): give back what was held and end FAILED; the sweeper finishes if this fails too. */
  async function compensateAfterError(doc: ReservationDoc, context: LedgerContext, error: unknown): Promise<void> {
    try {
      const current = await deps.inventory.reservations.findOne({ _id: doc._id });
      if (current?.status !== 'PENDING' || current.driver !== doc.driver) return;
      await releaseAt(deps, doc._id, heldPositions(current), 'RELEASED', context);
      const reason = `Reservation failed before completing (${(error as Error).message}); nothing is held`;
      await fail(current, reason, [], context);
    } catch (compensation) {
      deps.logger.error(
        { err: compensation, reservationId: doc._id },
        'compensation failed; the sweeper will release the holds',
      );
    }
  }

  /**
   * Records a request refused as invalid as a FAILED reservation under its key, with its failed event, so that
   * an event-driven caller gets an answer. Requests without a usable key or channel cannot be recorded (rethrown).
   */
  async function refuse(raw: RawReserveRequest, reason: string): Promise<ReservationDoc> {
    if (raw.key.trim().length === 0 || !isChannel(raw.channel)) throw new DomainError('INVALID_INPUT', reason);
    const request = {
      key: raw.key.trim(),
      orderId: raw.orderId ?? null,
      customerId: raw.customerId ?? null,
      channel: raw.channel,
      shipToRegion: raw.shipToRegion ?? null,
      lines: [...raw.lines],
      ttlSeconds: null,
      allowBackorder: null,
    };
    const doc = { ...newReservation(request, null), status: 'FAILED' as const, failureReason: reason, sweepAt: null };
    try {
      await deps.inventory.reservations.insertOne({ ...doc, ...newOutbox([failedEvent(doc, reason, [], deps.now())]) });
      deps.onEvents();
      return doc;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      return (await deps.inventory.reservations.findOne({ key: request.key }))!;
    }
  }

  return { reserve, refuse, resume };
}

/** The request a stored reservation was made for (what a resumed run continues with). */
function requestOf(doc: ReservationDoc): ReserveRequest {
  const { key, orderId, customerId, channel, shipToRegion, lines, ttlSeconds, allowBackorder } = doc;
  return { key, orderId, customerId, channel, shipToRegion, lines, ttlSeconds, allowBackorder };
}

/** The guard of a run's own writes: they match only while the reservation is still driven by that run. */
function drivenBy(doc: ReservationDoc): Filter {
  return doc.driver === undefined ? {} : { driver: doc.driver };
}
