import { randomUUID } from 'node:crypto';
import { newOutbox, withEvents } from '@fulfillment-mesh/events';
import {
  DomainError,
  DuplicateKeyError,
  notFound,
  type Collection,
  type Filter,
  type Update,
} from '@fulfillment-mesh/runtime';
import {
  DEFAULT_SEVERITY,
  allowedFrom,
  assertAllowed,
  cleanText,
  openKeyOf,
  type ExceptionAction,
  type RaiseInput,
} from '../domain/exceptions.js';
import {
  exceptionAcknowledged,
  exceptionAssigned,
  exceptionEvent,
  exceptionRaised,
  exceptionResolved,
} from '../events.js';
import type { ExceptionDoc, ExceptionKind } from '../models.js';

/** What {@link createExceptionService} needs. */
export interface ExceptionServiceDeps {
  exceptions: Collection<ExceptionDoc>;
  now?: () => Date;
}

/** The result of a raise: the exception and whether this call opened it (false: it was open, now seen again). */
export interface RaiseResult {
  exception: ExceptionDoc;
  opened: boolean;
}

/** Raising, auto-resolving and the operator actions on exceptions; every state change writes its event. */
export interface ExceptionService {
  /** Opens the exception for (kind, subject), or counts one more occurrence of the open one. */
  raise(input: RaiseInput): Promise<RaiseResult>;
  /** Resolves the open exception for (kind, subject) because its cause cleared; null when none is open. */
  clear(kind: ExceptionKind, subject: string, why: string): Promise<ExceptionDoc | null>;
  /** OPEN → ACKNOWLEDGED; NOT_FOUND for an unknown id, CONFLICT naming the state otherwise. */
  acknowledge(id: string, author: string, note?: string | null): Promise<ExceptionDoc>;
  /** Sets the assignee (not a state change). */
  assign(id: string, author: string, assignee: string): Promise<ExceptionDoc>;
  /** → RESOLVED by an operator. */
  resolve(id: string, author: string, note?: string | null): Promise<ExceptionDoc>;
  /** The open (not resolved) exception for (kind, subject), if any. */
  open(kind: ExceptionKind, subject: string): Promise<ExceptionDoc | null>;
  /** Every unresolved exception (the sweeper's and the metrics' view; bounded by what operators leave open). */
  unresolved(filter?: Filter): Promise<ExceptionDoc[]>;
}

const MAX_RETRIES = 5;

/** Builds the exception service over the operations store. */
export function createExceptionService(deps: ExceptionServiceDeps): ExceptionService {
  const { exceptions } = deps;
  const now = deps.now ?? (() => new Date());

  /** Applies `change` to `doc` (already read) and writes it only if nobody changed the document in between. */
  async function transition(
    action: ExceptionAction,
    id: string,
    author: string,
    change: (
      doc: ExceptionDoc,
      at: string,
    ) => { set: Partial<ExceptionDoc>; note?: string | null; event: typeof exceptionRaised; unsetOpenKey?: boolean },
  ): Promise<ExceptionDoc> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const doc = await exceptions.findOne({ _id: id });
      if (!doc) throw notFound('Exception', id);
      assertAllowed(action, doc);
      const at = now().toISOString();
      const { set, note, event, unsetOpenKey } = change(doc, at);
      const next: ExceptionDoc = { ...doc, ...set, revision: doc.revision + 1 };
      if (note) next.notes = [...doc.notes, { at, author, text: note }];
      const update: Update = {
        $set: { ...set, revision: next.revision },
        ...(unsetOpenKey ? { $unset: { openKey: true } } : {}),
      };
      if (note) update.$push = { notes: { at, author, text: note } };
      // Compare-and-set on the revision: two operators acting at once cannot both win.
      const guard = { _id: id, revision: doc.revision, status: { $in: [...allowedFrom(action)] } };
      const written = await exceptions.findOneAndUpdate(
        guard,
        withEvents(update, [exceptionEvent(event, next, author, at)]),
      );
      if (written) return written;
    }
    throw new DomainError('CONFLICT', `Exception ${id} is changing too often to ${action} it now; try again`, { id });
  }

  async function touchOpen(input: RaiseInput, at: string): Promise<ExceptionDoc | null> {
    return exceptions.findOneAndUpdate(
      { openKey: openKeyOf(input.kind, input.subject) },
      { $inc: { occurrences: 1 }, $set: { lastSeenAt: at, ...(input.detail ? { detail: input.detail } : {}) } },
    );
  }

  return {
    async raise(input) {
      for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
        const at = now().toISOString();
        const seen = await touchOpen(input, at);
        if (seen) return { exception: seen, opened: false };
        const doc: ExceptionDoc = {
          _id: `exc-${randomUUID()}`,
          kind: input.kind,
          status: 'OPEN',
          severity: input.severity ?? DEFAULT_SEVERITY[input.kind],
          subject: input.subject,
          subjectType: input.subjectType,
          summary: input.summary,
          detail: input.detail ?? null,
          assignee: null,
          notes: [],
          occurrences: 1,
          openedAt: at,
          acknowledgedAt: null,
          resolvedAt: null,
          resolvedBy: null,
          lastSeenAt: at,
          openKey: openKeyOf(input.kind, input.subject),
          revision: 1,
          alerted: [],
        };
        const { sequence: _relayAssigns, ...event } = exceptionEvent(exceptionRaised, doc, 'auto', at);
        try {
          await exceptions.insertOne({ ...doc, ...newOutbox([event]) });
          return { exception: doc, opened: true };
        } catch (error) {
          // Another raiser opened it first: count this sighting on theirs.
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
      throw new DomainError(
        'UNAVAILABLE',
        `Could not raise ${input.kind} for ${input.subject}: the store kept changing`,
      );
    },

    async clear(kind, subject, why) {
      const open = await exceptions.findOne({ openKey: openKeyOf(kind, subject) });
      if (!open) return null;
      try {
        return await transition('resolve', open._id, `auto: ${why}`, (_doc, at) => ({
          set: { status: 'RESOLVED', resolvedAt: at, resolvedBy: `auto: ${why}` },
          event: exceptionResolved,
          unsetOpenKey: true,
        }));
      } catch (error) {
        // An operator resolved it in between: nothing left to clear.
        if (error instanceof DomainError && error.code === 'CONFLICT') return null;
        throw error;
      }
    },

    acknowledge: (id, author, note) =>
      transition('acknowledge', id, author, (_doc, at) => ({
        set: { status: 'ACKNOWLEDGED', acknowledgedAt: at },
        note: note ? cleanText('note', note) : null,
        event: exceptionAcknowledged,
      })),

    assign: (id, author, assignee) =>
      transition('assign', id, author, () => ({
        set: { assignee: cleanText('assignee', assignee, 200) },
        event: exceptionAssigned,
      })),

    resolve: (id, author, note) =>
      transition('resolve', id, author, (_doc, at) => ({
        set: { status: 'RESOLVED', resolvedAt: at, resolvedBy: author },
        note: note ? cleanText('note', note) : null,
        event: exceptionResolved,
        unsetOpenKey: true,
      })),

    open: (kind, subject) => exceptions.findOne({ openKey: openKeyOf(kind, subject) }),
    unresolved: (filter = {}) => exceptions.find({ ...filter, status: { $in: ['OPEN', 'ACKNOWLEDGED'] } }),
  };
}
