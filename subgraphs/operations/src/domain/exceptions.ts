import { DomainError, type Filter } from '@fulfillment-mesh/runtime';
import type { ExceptionDoc, ExceptionKind, ExceptionSeverity, ExceptionStatus, SubjectType } from '../models.js';

/** Every kind with the severity it is raised at unless the raiser says otherwise. */
export const DEFAULT_SEVERITY: Readonly<Record<ExceptionKind, ExceptionSeverity>> = {
  ERP_POSTING_FAILED: 'CRITICAL',
  INVENTORY_UPDATE_FAILED: 'CRITICAL',
  DEAD_LETTER: 'WARNING',
  LATE_SHIPMENT: 'WARNING',
  CARRIER_EXCEPTION: 'WARNING',
  RECONCILIATION_DRIFT: 'WARNING',
  BACKORDER: 'INFO',
  STUCK_PENDING_VALIDATION: 'WARNING',
  MASTERING_CONFLICT: 'INFO',
};

/** The kinds, in schema order. */
export const EXCEPTION_KINDS = Object.keys(DEFAULT_SEVERITY) as ExceptionKind[];

/** The severities, least to most severe. */
export const SEVERITIES: readonly ExceptionSeverity[] = ['INFO', 'WARNING', 'CRITICAL'];

/** What a raiser reports: the cause was seen for (kind, subject). */
export interface RaiseInput {
  kind: ExceptionKind;
  subject: string;
  subjectType: SubjectType;
  summary: string;
  detail?: string | null;
  severity?: ExceptionSeverity;
}

/** The dedupe key of an unresolved exception. */
export const openKeyOf = (kind: ExceptionKind, subject: string): string => `${kind}|${subject}`;

/** Seconds an exception has been (or was) open at `now`. */
export function ageSeconds(doc: Pick<ExceptionDoc, 'openedAt' | 'resolvedAt'>, now: Date): number {
  const end = doc.resolvedAt ? Date.parse(doc.resolvedAt) : now.getTime();
  return Math.max(0, (end - Date.parse(doc.openedAt)) / 1000);
}

/** An operator action on an exception. */
export type ExceptionAction = 'acknowledge' | 'assign' | 'resolve';

/**
 * Which statuses allow an action: acknowledging only an OPEN one (acknowledging twice is a CONFLICT, not a silent
 * no-op, so two operators learn that someone else took it), assigning and resolving anything not yet RESOLVED.
 */
const ALLOWED: Readonly<Record<ExceptionAction, readonly ExceptionStatus[]>> = {
  acknowledge: ['OPEN'],
  assign: ['OPEN', 'ACKNOWLEDGED'],
  resolve: ['OPEN', 'ACKNOWLEDGED'],
};

/** The statuses `action` may start from (used as the compare-and-set guard of the write). */
export const allowedFrom = (action: ExceptionAction): readonly ExceptionStatus[] => ALLOWED[action];

/** Throws CONFLICT naming the exception, the action and its state when `action` is not allowed in `status`. */
export function assertAllowed(action: ExceptionAction, doc: Pick<ExceptionDoc, '_id' | 'status'>): void {
  if (ALLOWED[action].includes(doc.status)) return;
  throw new DomainError(
    'CONFLICT',
    `Cannot ${action} exception ${doc._id}: it is ${doc.status} (expected ${ALLOWED[action].join(' or ')})`,
    {
      id: doc._id,
      status: doc.status,
    },
  );
}

/** A note or assignee must say something, briefly. */
export function cleanText(field: string, value: string, max = 2000): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid ${field}: expected 1 to ${max} characters, received ${value.length}`,
      { field },
    );
  }
  return text;
}

/** The `exceptions(filter:)` argument. */
export interface ExceptionFilterInput {
  kind?: readonly ExceptionKind[] | null;
  status?: readonly ExceptionStatus[] | null;
  subject?: string | null;
  olderThan?: string | null;
}

/** The sort key of the exceptions list: oldest opened first, id breaking ties. */
export const exceptionCursorKey = (doc: Pick<ExceptionDoc, '_id' | 'openedAt'>): string => `${doc.openedAt}|${doc._id}`;

/** Builds the store filter for a filter argument and an optional cursor key; a bad `olderThan` is INVALID_INPUT. */
export function exceptionFilter(input: ExceptionFilterInput | null | undefined, afterKey: string | null): Filter {
  const clauses: Filter[] = [];
  if (input?.kind?.length) clauses.push({ kind: { $in: [...input.kind] } });
  if (input?.status?.length) clauses.push({ status: { $in: [...input.status] } });
  if (input?.subject) clauses.push({ subject: input.subject });
  if (input?.olderThan) {
    const at = Date.parse(input.olderThan);
    if (Number.isNaN(at))
      throw new DomainError(
        'INVALID_INPUT',
        `Invalid filter.olderThan: expected an ISO-8601 time, received "${input.olderThan}"`,
        { field: 'filter.olderThan' },
      );
    clauses.push({ openedAt: { $lt: new Date(at).toISOString() } });
  }
  if (afterKey !== null) {
    const cut = afterKey.indexOf('|');
    const [openedAt, id] = [afterKey.slice(0, cut), afterKey.slice(cut + 1)];
    clauses.push({ $or: [{ openedAt: { $gt: openedAt } }, { openedAt, _id: { $gt: id } }] });
  }
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses };
}
