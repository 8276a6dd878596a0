import type { OutboxFields } from '@fulfillment-mesh/events';
import type { Doc } from '@fulfillment-mesh/runtime';

/** The kinds of exception (the schema's `ExceptionKind`). */
export type ExceptionKind =
  | 'ERP_POSTING_FAILED'
  | 'INVENTORY_UPDATE_FAILED'
  | 'DEAD_LETTER'
  | 'LATE_SHIPMENT'
  | 'CARRIER_EXCEPTION'
  | 'RECONCILIATION_DRIFT'
  | 'BACKORDER'
  | 'STUCK_PENDING_VALIDATION'
  | 'MASTERING_CONFLICT';

/** OPEN → ACKNOWLEDGED → RESOLVED. */
export type ExceptionStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** How loudly an exception asks for attention (alerts route on it). */
export type ExceptionSeverity = 'INFO' | 'WARNING' | 'CRITICAL';

/** What an exception is about. */
export type SubjectType = 'ORDER' | 'SHIPMENT' | 'PRODUCT' | 'ADAPTER' | 'STREAM';

/** One operator note. */
export interface ExceptionNote {
  at: string;
  author: string;
  text: string;
}

/** A stored exception; the outbox carries its state changes to the backbone (alerts, exceptionRaised). */
export interface ExceptionDoc extends Doc, OutboxFields {
  kind: ExceptionKind;
  status: ExceptionStatus;
  severity: ExceptionSeverity;
  subject: string;
  subjectType: SubjectType;
  summary: string;
  detail: string | null;
  assignee: string | null;
  notes: ExceptionNote[];
  occurrences: number;
  openedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  lastSeenAt: string;
  /**
   * `<kind>|<subject>` while not resolved, absent once resolved: a unique sparse index on it is what makes
   * "one open exception per (kind, subject)" hold across concurrent raisers and replicas.
   */
  openKey?: string;
  /** Bumped by every status change: alerts are keyed by (id, revision) so one state is never alerted twice. */
  revision: number;
  /** `<revision>` values whose alert the receiver accepted. */
  alerted: number[];
}
