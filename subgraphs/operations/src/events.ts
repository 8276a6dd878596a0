import { createEvent, createEventRegistry, defineEvent, type EventEnvelope } from '@fulfillment-mesh/events';
import { z } from 'zod';
import { EXCEPTION_KINDS, SEVERITIES } from './domain/exceptions.js';
import type { ExceptionDoc } from './models.js';

/** The `source` of every event this subgraph publishes. */
export const OPERATIONS_SOURCE = '/subgraphs/operations';

// One snapshot shape for every state change: alert receivers and the subscription need no second lookup.
const snapshot = z.object({
  id: z.string(),
  kind: z.enum(EXCEPTION_KINDS as [string, ...string[]]),
  status: z.enum(['OPEN', 'ACKNOWLEDGED', 'RESOLVED']),
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  subject: z.string(),
  subjectType: z.string(),
  summary: z.string(),
  detail: z.string().nullable(),
  assignee: z.string().nullable(),
  openedAt: z.string(),
  revision: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
});

const define = (verb: string, description: string) =>
  defineEvent({ type: `operations.exception.${verb}`, version: 1, description, schema: snapshot });

// ---- Published (stream `operations`, subject = exception id). ----

/** An exception was opened, or re-opened after it had been resolved: feeds `exceptionRaised` and alerts. */
export const exceptionRaised = define('raised', 'An exception was opened for (kind, subject).');
/** An operator acknowledged an exception. */
export const exceptionAcknowledged = define('acknowledged', 'An operator acknowledged an exception.');
/** An operator assigned an exception (not a state change: no alert). */
export const exceptionAssigned = define('assigned', 'An exception was assigned to someone.');
/** An exception was resolved, by its cause clearing (`actor` = `auto: …`) or by an operator. */
export const exceptionResolved = define('resolved', 'An exception was resolved.');

/** Every event of the operations stream. */
export const operationsEvents = createEventRegistry([
  exceptionRaised,
  exceptionAcknowledged,
  exceptionAssigned,
  exceptionResolved,
]);

/** The event types that are a change of state (each gets exactly one alert). */
export const STATE_CHANGE_TYPES: ReadonlySet<string> = new Set([
  exceptionRaised.type,
  exceptionAcknowledged.type,
  exceptionResolved.type,
]);

/** The envelope for a state change of `doc` (already updated to its new state and revision). */
export function exceptionEvent(
  def: typeof exceptionRaised,
  doc: ExceptionDoc,
  actor: string,
  at: string,
): EventEnvelope {
  return createEvent(def, {
    source: OPERATIONS_SOURCE,
    subject: doc._id,
    data: {
      id: doc._id,
      kind: doc.kind,
      status: doc.status,
      severity: doc.severity,
      subject: doc.subject,
      subjectType: doc.subjectType,
      summary: doc.summary,
      detail: doc.detail,
      assignee: doc.assignee,
      openedAt: doc.openedAt,
      revision: doc.revision,
      at,
      actor,
    },
  });
}
