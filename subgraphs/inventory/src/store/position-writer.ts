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
import type { LocationDoc, PositionDoc } from './models.js';

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
   * Losing the swap to another process re-reads and re-plans.
   */
  change(id: string, plan: (position: PositionDoc) => PositionChange, context: LedgerContext): Promise<WriteOutcome>;
  /** Removes an operation marker once its operation is recorded as done (no quantity change, no event). */
  clearMarker(id: string, marker: string): Promise<void>;
  /** Creates an empty position of `sku` at `location` unless one exists (receipts at a new location). */
  ensure(sku: string, location: LocationDoc): Promise<void>;
}

/** What the writer needs. */
export interface PositionWriterDeps {
  positions: Collection<PositionDoc>;
  now: () => Date;
  /** Called after a write appended events (the outbox relay publishes soon instead of at its next poll). */
  onEvents: () => void;
  /** Swaps lost in a row before giving up with UNAVAILABLE; default 50. */
  maxAttempts?: number;
  /** The channels that may ship from a location, for each ledger event; default: the event names none. */
  channelsAt?: (locationId: string) => Promise<readonly Channel[]>;
}

/**
 * Creates the writer. Every exact ledger entry needs the quantities before the write, hence the version swap;
 * so that writers in this process do not lose swaps to each other on a hot position, changes of one position
 * run one after another here (a promise chain per position id), and only other processes can make a swap fail.
 * While a position's chain is busy, the document its last write returned is the next change's snapshot (a
 * stale one just loses the swap and is read again), which saves a read per change on hot positions.
 */
export function createPositionWriter(deps: PositionWriterDeps): PositionWriter {
  const maxAttempts = deps.maxAttempts ?? 50;
  const queues = new Map<string, Promise<unknown>>();
  const lastWritten = new Map<string, PositionDoc>();

  const serialize = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) !== tail) return;
      queues.delete(key);
      lastWritten.delete(key);
    });
    return run;
  };

  const attempt = async (
    id: string,
    plan: (position: PositionDoc) => PositionChange,
    context: LedgerContext,
    fresh: boolean,
  ): Promise<WriteOutcome | 'lost'> => {
    const known = fresh ? undefined : lastWritten.get(id);
    lastWritten.delete(id);
    const position = known ?? (await deps.positions.findOne({ _id: id }));
    if (!position) return { kind: 'missing' };
    const change = plan(position);
    // Only a write proves a remembered document current; a decision that writes nothing is taken on a fresh read.
    if (known && change.kind !== 'apply') return 'lost';
    if (change.kind === 'noop') return { kind: 'noop', position };
    if (change.kind === 'short') return { kind: 'short', position, free: change.free };
    const at = deps.now();
    const channels = deps.channelsAt ? await deps.channelsAt(position.locationId) : undefined;
    const event = inventoryEvent(
      positionAdjusted,
      id,
      {
        sku: position.sku,
        locationId: position.locationId,
        reason: change.reason,
        reference: context.reference,
        source: context.source,
        actor: context.actor,
        delta: change.delta,
        resulting: resultingOf(position, change.delta),
        version: position.version + 1,
        ...(channels ? { channels: [...channels] } : {}),
      },
      at,
    );
    const filter: Filter = { _id: id, version: position.version, ...nonNegative(change.delta), ...change.guard };
    const written = await deps.positions.findOneAndUpdate(
      filter,
      withEvents(updateOf(change, at.toISOString()), [event]),
    );
    if (written) {
      lastWritten.set(id, written);
      deps.onEvents();
      return { kind: 'applied', position: written };
    }
    if (known) return 'lost'; // the remembered document was stale: read it next time
    const now = await deps.positions.findOne({ _id: id });
    // Same version, yet the write did not match: the stored guard fields disagree with the quantities.
    if (now && now.version === position.version)
      throw new Error(`position ${id}: guard refused a change planned on the same version (free out of step?)`);
    return 'lost';
  };

  return {
    change: (id, plan, context) =>
      serialize(id, async () => {
        for (let i = 0; i < maxAttempts; i++) {
          const outcome = await attempt(id, plan, context, i > 0);
          if (outcome !== 'lost') return outcome;
        }
        throw new DomainError(
          'UNAVAILABLE',
          `InventoryPosition "${id}" kept changing concurrently; gave up after ${maxAttempts} attempts`,
          { entity: 'InventoryPosition', id },
        );
      }),
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

/** The `$inc`/`$set`/`$unset` of a change: quantities and `free` move together, `version` counts changes. */
function updateOf(
  change: Extract<PositionChange, { kind: 'apply' }>,
  at: string,
): Record<string, Record<string, unknown>> {
  const inc: Record<string, number> = { version: 1 };
  for (const field of QUANTITY_FIELDS) if (change.delta[field] !== 0) inc[field] = change.delta[field];
  const free = freeDelta(change.delta);
  if (free !== 0) inc.free = free;
  const set: Record<string, unknown> = { ...change.set, updatedAt: at };
  const unset: Record<string, string> = {};
  if (change.hold) {
    if (change.hold.to === null) unset[`holds.${change.hold.key}`] = '';
    else set[`holds.${change.hold.key}`] = change.hold.to;
  }
  if (change.marker) set[`ops.${change.marker}`] = at;
  return { $inc: inc, $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) };
}

/** Filter terms that refuse, in the write itself, any quantity the delta would take below zero. */
function nonNegative(change: QuantityDelta): Filter {
  const guard: Filter = {};
  for (const field of QUANTITY_FIELDS) if (change[field] < 0) guard[field] = { $gte: -change[field] };
  return guard;
}
