import { withEvents } from '@fulfillment-mesh/events';
import { DomainError, DuplicateKeyError, type Collection, type Filter } from '@fulfillment-mesh/runtime';
import {
  fieldKey,
  freeDelta,
  positionId,
  QUANTITY_FIELDS,
  resultingOf,
  type Channel,
  type PositionChange,
  type QuantityDelta,
} from '../domain/index.js';
import { inventoryEvent, positionAdjusted } from '../events/contracts.js';
import type { HoldDoc, LocationDoc, PositionDoc } from './models.js';

/** Who and what a ledger entry names besides the change itself. */
export interface LedgerContext {
  reference: { type: string; id: string } | null;
  /** The system the change came from: api, orders, shipments, sweeper... */
  source: string;
  actor: string;
}

/** What a planned change came to. */
export type WriteOutcome =
  | { kind: 'applied'; position: PositionDoc }
  | { kind: 'noop'; position: PositionDoc }
  | { kind: 'short'; position: PositionDoc; free: number }
  | { kind: 'missing' };

/** Applies planned changes to positions; the only code that writes quantities. */
export interface PositionWriter {
  /**
   * Reads the position, asks `plan` what to do and writes it with a compare-and-swap on `version` plus the
   * plan's invariant guards, appending the ledger event (`inventory.position.adjusted`) in the same write.
   * Losing the swap to another process re-reads and re-plans. Changes of one position that arrive while its
   * previous write is in flight are planned in arrival order and written together (group commit), each with its
   * own outcome and ledger event. `reservationId` names the reservation whose hold the plan reads (`holds[key]`).
   */
  change(
    id: string,
    plan: (position: PositionDoc) => PositionChange,
    context: LedgerContext,
    reservationId?: string | null,
  ): Promise<WriteOutcome>;
  /** Resolves once every queued change is written and its journal moved out (tests, shutdown). */
  idle(): Promise<void>;
  /** Removes an operation marker once its operation is recorded as done (no quantity change, no event). */
  clearMarker(id: string, marker: string): Promise<void>;
  /** Creates an empty position of `sku` at `location` unless one exists (receipts at a new location). */
  ensure(sku: string, location: LocationDoc): Promise<void>;
}

/** What the writer needs. */
export interface PositionWriterDeps {
  positions: Collection<PositionDoc>;
  /**
   * Where holds live (one document per reservation and position). With it, a position's `holds` field is only
   * the bounded journal of hold transitions not yet moved here; without it (a writer on its own), holds stay in
   * the position document.
   */
  holds?: Collection<HoldDoc>;
  now: () => Date;
  /** Called after a write appended events (the outbox relay publishes soon instead of at its next poll). */
  onEvents: () => void;
  /** Swaps lost in a row before giving up with UNAVAILABLE; default 50. */
  maxAttempts?: number;
  /** Changes of one position written together at most; default 256. */
  maxBatch?: number;
  /** The channels that may ship from a location, for each ledger event; default: the event names none. */
  channelsAt?: (locationId: string) => Promise<readonly Channel[]>;
}

/** Journal entries a position may carry before the writer moves them out ahead of any new change. */
export const JOURNAL_LIMIT = 1_024;

/** One queued change. */
interface Request {
  plan: (position: PositionDoc) => PositionChange;
  context: LedgerContext;
  holdKey: string | null;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/** The changes waiting for one position, and what this process knows about it while it is busy. */
interface Queue {
  pending: Request[];
  /** The document the last write returned: the next batch's snapshot (a stale one loses the swap). */
  known?: PositionDoc;
  /** Journal entries moved to the holds collection, removable while the position is still at `version`. */
  moved?: { version: number; entries: Record<string, number> };
}

/** The id of the hold document of reservation `key` (a `fieldKey`) at position `positionId`. */
export function holdId(positionId: string, key: string): string {
  return `${positionId}/${key}`;
}

/**
 * Creates the writer. Every exact ledger entry needs the quantities before the write, hence the version swap.
 * Changes of one position run one batch at a time in this process (a queue per position id): the first change
 * is written at once, the ones arriving meanwhile wait and are then planned in arrival order on one snapshot and
 * written in one guarded update (group commit) — each keeps its own outcome, a plan that throws fails only its
 * own change. Only other processes can make a swap fail. While a position is busy, the document its last write
 * returned is the next batch's snapshot (a stale one just loses the swap and is read again).
 *
 * Holds (with `deps.holds`): the write records each hold transition in the position's journal (`holds.<key>`:
 * units, 0 when released) in the same guarded update as the counters; right after, the journal is copied into
 * the hold documents (guarded on the position version, so a late copy never overwrites a newer one) and then
 * removed from the position, by the next write or an idle clean-up guarded on the version. A crash between the
 * two leaves the journal in place: readers merge journal over hold documents, and the next write copies it again.
 * The position thus holds counters and at most a few batches of journal, whatever the number of active holds.
 */
export function createPositionWriter(deps: PositionWriterDeps): PositionWriter {
  const maxAttempts = deps.maxAttempts ?? 50;
  const maxBatch = deps.maxBatch ?? 256;
  const queues = new Map<string, Queue>();
  const draining = new Set<Promise<void>>();

  /** The position as planners see it: with the holds of `keys` (journal over hold documents; 0 = none). */
  const viewOf = async (position: PositionDoc, keys: readonly string[]): Promise<PositionDoc> => {
    if (!deps.holds) return position;
    const journal = position.holds ?? {};
    const merged: Record<string, number> = {};
    const missing = [...new Set(keys)].filter((key) => !(key in journal));
    if (missing.length > 0) {
      const docs = await deps.holds.find({ _id: { $in: missing.map((key) => holdId(position._id, key)) } });
      for (const doc of docs) if (doc.units > 0) merged[doc.reservation] = doc.units;
    }
    for (const [key, units] of Object.entries(journal)) if (units > 0) merged[key] = units;
    return { ...position, holds: merged };
  };

  /** Copies a written position's journal into the hold documents; false when the store refused. */
  const moveJournal = async (queue: Queue, written: PositionDoc): Promise<boolean> => {
    const holds = deps.holds;
    const entries = written.holds ?? {};
    if (!holds || Object.keys(entries).length === 0) return true;
    const at = deps.now().toISOString();
    await holds.bulkWrite(
      Object.entries(entries).map(([key, units]) => ({
        updateOne: {
          // A duplicate key here means a newer copy is stored already (another process): it is kept.
          filter: { _id: holdId(written._id, key), positionVersion: { $lt: written.version } },
          update: {
            $set: { positionId: written._id, reservation: key, units, positionVersion: written.version, updatedAt: at },
          },
          upsert: true,
        },
      })),
    );
    queue.moved = { version: written.version, entries: { ...entries } };
    return true;
  };

  /** Removes moved journal entries from an idle position, only while it is still at the version they came from. */
  const clearJournal = async (id: string, queue: Queue): Promise<void> => {
    const moved = queue.moved;
    queue.moved = undefined;
    queue.known = undefined;
    if (!moved) return;
    const unset = Object.fromEntries(Object.keys(moved.entries).map((key) => [`holds.${key}`, '']));
    await deps.positions.updateOne({ _id: id, version: moved.version }, { $unset: unset });
  };

  const drain = async (id: string, queue: Queue): Promise<void> => {
    for (;;) {
      if (queue.pending.length === 0) {
        if (!queue.moved) break;
        await clearJournal(id, queue).catch(() => undefined); // left for the next write
        continue;
      }
      const batch = queue.pending.splice(0, maxBatch);
      try {
        await flush(id, queue, batch);
      } catch (error) {
        queue.known = undefined;
        queue.moved = undefined;
        for (const request of batch) request.reject(error);
      }
    }
    queues.delete(id);
  };

  /** Plans and writes one batch; resolves or rejects every request of it. */
  const flush = async (id: string, queue: Queue, batch: Request[]): Promise<void> => {
    const known = queue.known;
    queue.known = undefined;
    const keys = batch.flatMap((r) => (r.holdKey === null ? [] : [r.holdKey]));
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const remembered = attempt === 0 ? known : undefined;
      const stored = remembered ?? (await deps.positions.findOne({ _id: id }));
      if (!stored) {
        for (const request of batch) request.resolve({ kind: 'missing' });
        return;
      }
      if (deps.holds && Object.keys(stored.holds ?? {}).length > JOURNAL_LIMIT) {
        // Copies kept failing: move the journal out before it grows any further.
        await moveJournal(queue, stored);
        await clearJournal(id, queue);
        continue;
      }
      const moved = queue.moved && queue.moved.version === stored.version ? queue.moved : undefined;
      const planned = planBatch(await viewOf(stored, keys), batch, deps.holds !== undefined);
      // Only a write proves a remembered document current; a decision that writes nothing is taken on a fresh read.
      if (remembered && planned.outcomes.some((o) => !('applied' in o))) continue;
      if (planned.events.length === 0) {
        settle(batch, planned.outcomes, stored);
        return;
      }
      const at = deps.now();
      const channels = deps.channelsAt ? await deps.channelsAt(stored.locationId) : undefined;
      const events = planned.events.map((data) =>
        inventoryEvent(
          positionAdjusted,
          id,
          {
            sku: stored.sku,
            locationId: stored.locationId,
            ...data,
            ...(channels ? { channels: [...channels] } : {}),
          },
          at,
        ),
      );
      const update = planned.update(at.toISOString(), moved ? Object.keys(moved.entries) : []);
      const filter: Filter = { ...planned.guard, _id: id, version: stored.version };
      const written = await deps.positions.findOneAndUpdate(filter, withEvents(update, events));
      if (!written) {
        if (remembered) continue; // the remembered document was stale: read it next time
        const now = await deps.positions.findOne({ _id: id });
        // Same version, yet the write did not match: the stored guard fields disagree with the quantities.
        if (now && now.version === stored.version)
          throw new Error(`position ${id}: guard refused a change planned on the same version (free out of step?)`);
        continue;
      }
      queue.moved = undefined;
      deps.onEvents();
      settle(batch, planned.outcomes, written);
      queue.known = written;
      try {
        await moveJournal(queue, written);
      } catch {
        // The journal stays in the position (readers merge it); the next write copies it again.
      }
      return;
    }
    throw new DomainError(
      'UNAVAILABLE',
      `InventoryPosition "${id}" kept changing concurrently; gave up after ${maxAttempts} attempts`,
      { entity: 'InventoryPosition', id },
    );
  };

  return {
    change: (id, plan, context, reservationId = null) =>
      new Promise<WriteOutcome>((resolve, reject) => {
        let queue = queues.get(id);
        const request = {
          plan,
          context,
          holdKey: reservationId === null ? null : fieldKey(reservationId),
          resolve,
          reject,
        };
        if (queue) {
          queue.pending.push(request);
          return;
        }
        queue = { pending: [request] };
        queues.set(id, queue);
        const run = drain(id, queue);
        draining.add(run);
        void run.finally(() => draining.delete(run));
      }),
    async idle() {
      while (draining.size > 0) await Promise.all([...draining]);
    },
    async clearMarker(id, marker) {
      await deps.positions.updateOne({ _id: id }, { $unset: { [`ops.${fieldKey(marker)}`]: '' } });
    },
    async ensure(sku, location) {
      const id = positionId(sku, location.id);
      if (await deps.positions.findOne({ _id: id })) return;
      const at = deps.now().toISOString();
      const empty = { onHand: 0, reserved: 0, safetyStock: 0, damaged: 0, qualityControl: 0 };
      try {
        await deps.positions.insertOne({
          _id: id,
          sku,
          locationId: location.id,
          ...empty,
          incoming: null,
          free: 0,
          holds: {},
          version: 1,
          updatedAt: at,
          provenance: {},
        });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error; // created concurrently: fine
      }
    },
  };
}

/** What one planned change of a batch came to, before the write. */
type PlannedOutcome =
  | { applied: PositionDoc; last: boolean }
  | { kind: 'noop' | 'short'; free?: number; position: PositionDoc }
  | { error: unknown };

/** Resolves each request of a batch with its outcome; `written` is the stored document after the batch. */
function settle(batch: readonly Request[], outcomes: readonly PlannedOutcome[], written: PositionDoc): void {
  batch.forEach((request, i) => {
    const outcome = outcomes[i]!;
    if ('error' in outcome) request.reject(outcome.error);
    else if ('applied' in outcome)
      request.resolve({ kind: 'applied', position: outcome.last ? written : outcome.applied });
    else if (outcome.kind === 'short')
      request.resolve({ kind: 'short', position: outcome.position, free: outcome.free! });
    else request.resolve({ kind: 'noop', position: outcome.position });
  });
}

/** The data of one ledger event, less what the writer adds (sku, location, channels). */
interface PlannedEvent {
  reason: Extract<PositionChange, { kind: 'apply' }>['reason'];
  reference: LedgerContext['reference'];
  source: string;
  actor: string;
  delta: QuantityDelta;
  resulting: ReturnType<typeof resultingOf>;
  version: number;
}

/**
 * Plans a batch in arrival order on one snapshot: each plan sees the position as the changes before it left it.
 * Returns each change's outcome, the ledger events of the applied ones, the guard of the combined write (every
 * change's invariant restated on the snapshot) and its update.
 */
function planBatch(snapshot: PositionDoc, batch: readonly Request[], journal: boolean) {
  let current = snapshot;
  const outcomes: PlannedOutcome[] = [];
  const events: PlannedEvent[] = [];
  const total: Record<string, number> = { free: 0 };
  const lowest: Record<string, number> = {};
  for (const field of QUANTITY_FIELDS) total[field] = 0;
  const guard: Filter = {};
  const touched = new Set<string>();
  const set: Record<string, unknown> = {};
  const holds = new Map<string, number | null>();
  let lastApplied = -1;
  for (const [i, request] of batch.entries()) {
    let change: PositionChange;
    try {
      change = request.plan(current);
    } catch (error) {
      outcomes.push({ error });
      continue;
    }
    if (change.kind === 'noop') {
      outcomes.push({ kind: 'noop', position: current });
      continue;
    }
    if (change.kind === 'short') {
      outcomes.push({ kind: 'short', free: change.free, position: current });
      continue;
    }
    for (const [path, term] of Object.entries(change.guard ?? {})) {
      if (path === 'free' || (QUANTITY_FIELDS as readonly string[]).includes(path)) {
        const bound = (term as { $gte?: number }).$gte;
        if (bound === undefined) throw new Error(`unsupported guard on ${path} in a batch`);
        const needed = bound - total[path]!;
        const before = (guard[path] as { $gte: number } | undefined)?.$gte;
        if (before === undefined || needed > before) guard[path] = { $gte: needed };
        continue;
      }
      // With a journal the version swap carries the hold guard (the view read is consistent at that version).
      if (journal && path.startsWith('holds.')) continue;
      // A path an earlier change of this batch wrote is ours: its guard held on the state that change left.
      if (touched.has(path) || path in guard) continue;
      guard[path] = term;
    }
    const next: PositionDoc = { ...current, version: current.version + 1 };
    for (const field of QUANTITY_FIELDS) {
      const units = change.delta[field];
      if (units === 0) continue;
      next[field] = current[field] + units;
      total[field]! += units;
      lowest[field] = Math.min(lowest[field] ?? 0, total[field]!);
    }
    const free = freeDelta(change.delta);
    next.free = current.free + free;
    total.free! += free;
    for (const [path, value] of Object.entries(change.set ?? {})) {
      set[path] = value;
      touched.add(path);
      setPath(next, path, value);
    }
    if (change.hold) {
      const path = `holds.${change.hold.key}`;
      holds.set(change.hold.key, change.hold.to);
      touched.add(path);
      const view = { ...(current.holds ?? {}) };
      if (change.hold.to === null) delete view[change.hold.key];
      else view[change.hold.key] = change.hold.to;
      next.holds = view;
    }
    if (change.marker) {
      touched.add(`ops.${change.marker}`);
      next.ops = { ...(current.ops ?? {}), [change.marker]: 'pending' };
    }
    events.push({
      reason: change.reason,
      reference: request.context.reference,
      source: request.context.source,
      actor: request.context.actor,
      delta: change.delta,
      resulting: resultingOf(current, change.delta),
      version: current.version + 1,
    });
    outcomes.push({ applied: next, last: false });
    lastApplied = i;
    current = next;
  }
  if (lastApplied >= 0) (outcomes[lastApplied] as { last: boolean }).last = true;
  // No quantity may go below zero at any point of the batch.
  for (const [field, low] of Object.entries(lowest)) {
    if (low >= 0) continue;
    const before = (guard[field] as { $gte: number } | undefined)?.$gte ?? Number.NEGATIVE_INFINITY;
    guard[field] = { $gte: Math.max(before, -low) };
  }
  const markers = [...touched].filter((path) => path.startsWith('ops.'));
  return {
    outcomes,
    events,
    guard,
    /** The combined update; `cleared` are journal keys moved out already, removed unless this batch sets them. */
    update(at: string, cleared: readonly string[]): Record<string, Record<string, unknown>> {
      const inc: Record<string, number> = { version: events.length };
      for (const [field, units] of Object.entries(total)) if (units !== 0) inc[field] = units;
      const $set: Record<string, unknown> = { ...set, updatedAt: at };
      const $unset: Record<string, string> = {};
      for (const marker of markers) $set[marker] = at;
      for (const [key, to] of holds) {
        if (journal) $set[`holds.${key}`] = to ?? 0;
        else if (to === null) $unset[`holds.${key}`] = '';
        else $set[`holds.${key}`] = to;
      }
      for (const key of cleared) if (!holds.has(key)) $unset[`holds.${key}`] = '';
      return { $inc: inc, $set, ...(Object.keys($unset).length > 0 ? { $unset } : {}) };
    },
  };
}

/** Sets a dotted path on a document copy, copying the objects along the path (the snapshot stays untouched). */
function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    const inner = target[part];
    const copy = inner !== null && typeof inner === 'object' ? { ...(inner as Record<string, unknown>) } : {};
    target[part] = copy;
    target = copy;
  }
  target[parts[parts.length - 1]!] = value;
}
