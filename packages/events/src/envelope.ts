import { randomUUID } from 'node:crypto';
import { DomainError } from '@fulfillment-mesh/runtime';
import { currentTraceContext } from '@fulfillment-mesh/telemetry';
import { z } from 'zod';

/**
 * A CloudEvents 1.0 JSON envelope. `dataversion` and `sequence` are CloudEvents extension attributes:
 * the integer schema version of `data`, and the per-subject position assigned by the outbox relay
 * (absent on events published without an outbox; consumers then skip the staleness check).
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  dataversion: number;
  sequence?: number;
  /** W3C trace context of the change that produced the event (CloudEvents distributed-tracing extension). */
  traceparent?: string;
  tracestate?: string;
  data: T;
}

/** A declared event: its type, schema version, payload schema and what it means. */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly schema: S;
  readonly description: string;
  /** `urn:fulfillment-mesh:<type>:v<version>`, copied into every envelope. */
  readonly dataschema: string;
  /** A payload the producer vouches for: consumers' contract tests read it and docs/events.md shows it. */
  readonly example?: z.input<S>;
}

/** What {@link defineEvent} needs. */
export interface EventDefinitionInput<S extends z.ZodType> {
  /** `<domain>.<entity>.<past-tense-verb>`, e.g. `inventory.position.adjusted`. */
  type: string;
  /** Integer schema version, starting at 1; bump it for every breaking change of `data`. */
  version: number;
  schema: S;
  description: string;
  /** A valid payload (required of published events: the contract tests hand it to every consumer). */
  example?: z.input<S>;
}

/** The payload a definition produces after validation. */
export type EventData<D extends EventDefinition> = z.output<D['schema']>;

// Three lower-case dotted segments; we cannot check grammar, so "past tense" stays a review rule.
const TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** Declares an event type; throws INVALID_INPUT for a malformed type name or version. */
export function defineEvent<S extends z.ZodType>(input: EventDefinitionInput<S>): EventDefinition<S> {
  if (!TYPE_PATTERN.test(input.type)) {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid event type "${input.type}": expected <domain>.<entity>.<past-tense-verb>`,
      {
        field: 'type',
      },
    );
  }
  if (!Number.isInteger(input.version) || input.version < 1) {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid version for event ${input.type}: expected a whole number >= 1, received ${input.version}`,
      {
        field: 'version',
      },
    );
  }
  return Object.freeze({ ...input, dataschema: `urn:fulfillment-mesh:${input.type}:v${input.version}` });
}

/** What {@link createEvent} needs besides the definition. */
export interface CreateEventInput<T> {
  /** Producer path, e.g. `/subgraphs/inventory`. */
  source: string;
  /** The entity the event is about, e.g. `FM-FAS-00001@dc-east`: the unit of ordering. */
  subject: string;
  data: T;
  /** Normally left out: the outbox relay assigns it from the document's event counter. */
  sequence?: number;
  /** Overrides for tests and imports; generated otherwise. */
  id?: string;
  time?: Date;
}

/** Builds a validated envelope; throws INVALID_INPUT naming the event type and the failing data path. */
export function createEvent<S extends z.ZodType>(
  def: EventDefinition<S>,
  input: CreateEventInput<z.input<S>>,
): EventEnvelope<z.output<S>> {
  const parsed = def.schema.safeParse(input.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid data for event ${def.type} v${def.version}: ${describeIssues(parsed.error)}`,
      {
        eventType: def.type,
        path: issue ? formatPath(issue.path) : '(root)',
      },
    );
  }
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: def.type,
    subject: input.subject,
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: def.dataschema,
    dataversion: def.version,
    ...(input.sequence !== undefined ? { sequence: input.sequence } : {}),
    // Written with the outbox record, so the consumer continues the trace of the request that made the change.
    ...currentTraceContext(),
    data: parsed.data,
  };
}

/** Narrows an envelope to one definition's payload type (consumers switch on `type`). */
export function isEvent<S extends z.ZodType>(
  def: EventDefinition<S>,
  event: EventEnvelope,
): event is EventEnvelope<z.output<S>> {
  return event.type === def.type && event.dataversion === def.version;
}

/** `path.to.field: message` for each zod issue, joined with `; `. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

// The envelope's own shape; `data` is checked later against the registered definition.
const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1),
  dataversion: z.number().int().min(1),
  sequence: z.number().int().optional(),
  // Kept as opaque strings: a malformed traceparent is ignored by the propagator (the consumer starts a new trace).
  traceparent: z.string().max(512).optional(),
  tracestate: z.string().max(512).optional(),
  data: z.unknown(),
});

/** The result of parsing a stored envelope. */
export type ParsedEnvelope = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/** Parses the JSON stored in a stream entry; never throws (a broken entry becomes a dead letter). */
export function parseEnvelope(json: string): ParsedEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `malformed envelope: ${(error as Error).message}` };
  }
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `malformed envelope: ${describeIssues(parsed.error)}` };
  return { ok: true, envelope: parsed.data as EventEnvelope };
}
