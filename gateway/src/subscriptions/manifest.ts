import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A payload template: each key becomes a field of the payload root. A string starting with `$.` is a path into
 * the event envelope (`$.data.sku`, `$.id`, `$.time`), any other scalar is a literal, an object is a nested
 * object (an entity reference such as `{ "sku": "$.data.sku" }`).
 */
export interface PayloadTemplate {
  [field: string]: PayloadValue;
}

/** One value of a {@link PayloadTemplate}. */
export type PayloadValue = string | number | boolean | null | PayloadTemplate;

/** How one argument filters events: a `$.` path compared for equality (any element for lists), or a named custom filter. */
export type FilterSpec = string | { custom: string };

/** Everything the gateway needs to serve one subscription field. */
export interface SubscriptionFieldSpec {
  /** The domain stream that feeds the field (one of docs/events.md). */
  stream: string;
  /** Event types of that stream that produce a payload; others are ignored before any work. */
  events: string[];
  /** Argument name → filter; arguments left null by the client filter nothing. */
  filters: Record<string, FilterSpec>;
  /**
   * `$.path` to the customer that owns the event's entity (tenant data): a subscriber confined to a tenant (a
   * partner) only gets events whose owner is that tenant, before any work; events without an owner never reach it.
   */
  owner?: string;
  /** The owning subgraph's hidden query field that echoes a payload root, and its input argument. */
  hydration: { field: string; argument: string };
  /** The payload root built from each event (`cursor` and `eventId` are added by the gateway). */
  payload: PayloadTemplate;
  /** Per event type overrides merged over `payload` (e.g. a status implied by the event type). */
  payloadByType?: Record<string, PayloadTemplate>;
}

/** The subscriptions manifest (`subscriptions.manifest.json` at the repository root). */
export interface SubscriptionManifest {
  /** The argument every subscription field takes to resume after a cursor; default `after`. */
  resumeArgument: string;
  fields: Record<string, SubscriptionFieldSpec>;
}

/** The manifest's file name at the repository root. */
export const SUBSCRIPTION_MANIFEST_FILE = 'subscriptions.manifest.json';

/** Payload fields the gateway fills itself; a template may not map them. */
export const RESERVED_PAYLOAD_FIELDS = ['cursor', 'eventId'] as const;

/** Reads and checks `subscriptions.manifest.json` under `root`; throws naming the file and the bad entry. */
export function loadSubscriptionManifest(root: string): SubscriptionManifest {
  const file = join(root, SUBSCRIPTION_MANIFEST_FILE);
  return parseSubscriptionManifest(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}

/** Checks the shape of a manifest given as JSON; throws `<source>: <path>: expected …, received …`. */
export function parseSubscriptionManifest(raw: unknown, source = SUBSCRIPTION_MANIFEST_FILE): SubscriptionManifest {
  const fail = (path: string, expected: string, received: unknown): never => {
    throw new Error(`${source}: ${path}: expected ${expected}, received ${JSON.stringify(received) ?? 'nothing'}`);
  };
  const root = isRecord(raw) ? raw : fail('(root)', 'an object', raw);
  const resumeArgument = root.resumeArgument ?? 'after';
  if (typeof resumeArgument !== 'string') fail('resumeArgument', 'an argument name', resumeArgument);
  const entries = isRecord(root.subscriptions)
    ? root.subscriptions
    : fail('subscriptions', 'an object of field name → spec', root.subscriptions);
  const fields: Record<string, SubscriptionFieldSpec> = {};
  for (const [name, value] of Object.entries(entries)) {
    const at = `subscriptions.${name}`;
    const spec = isRecord(value) ? value : fail(at, 'an object', value);
    const stream = typeof spec.stream === 'string' ? spec.stream : fail(`${at}.stream`, 'a stream name', spec.stream);
    const events =
      isStringArray(spec.events) && spec.events.length > 0
        ? spec.events
        : fail(`${at}.events`, 'a non-empty list of event types', spec.events);
    const filters = isRecord(spec.filters ?? {})
      ? ((spec.filters ?? {}) as Record<string, unknown>)
      : fail(`${at}.filters`, 'an object', spec.filters);
    for (const [arg, filter] of Object.entries(filters)) {
      const ok =
        (typeof filter === 'string' && filter.startsWith('$.')) ||
        (isRecord(filter) && typeof filter.custom === 'string');
      if (!ok) fail(`${at}.filters.${arg}`, 'a "$.path" or { "custom": "<filter name>" }', filter);
    }
    if (spec.owner !== undefined && !(typeof spec.owner === 'string' && spec.owner.startsWith('$.')))
      fail(`${at}.owner`, 'a "$.path" to the owning customer id', spec.owner);
    const hydration =
      isRecord(spec.hydration) &&
      typeof spec.hydration.field === 'string' &&
      typeof spec.hydration.argument === 'string'
        ? { field: spec.hydration.field, argument: spec.hydration.argument }
        : fail(`${at}.hydration`, '{ "field": "<query field>", "argument": "<input argument>" }', spec.hydration);
    const payload = checkTemplate(spec.payload, `${at}.payload`, fail);
    for (const reserved of RESERVED_PAYLOAD_FIELDS) {
      if (reserved in payload) fail(`${at}.payload.${reserved}`, 'no mapping (the gateway sets it)', payload[reserved]);
    }
    let payloadByType: Record<string, PayloadTemplate> | undefined;
    if (spec.payloadByType !== undefined) {
      const byType = isRecord(spec.payloadByType)
        ? spec.payloadByType
        : fail(`${at}.payloadByType`, 'an object of event type → template', spec.payloadByType);
      payloadByType = {};
      for (const [type, template] of Object.entries(byType)) {
        if (!events.includes(type))
          fail(`${at}.payloadByType`, `only types listed in events (${events.join(', ')})`, type);
        payloadByType[type] = checkTemplate(template, `${at}.payloadByType.${type}`, fail);
      }
    }
    const owner = typeof spec.owner === 'string' ? { owner: spec.owner } : {};
    fields[name] = {
      stream,
      events,
      filters: filters as Record<string, FilterSpec>,
      ...owner,
      hydration,
      payload,
      ...(payloadByType ? { payloadByType } : {}),
    };
  }
  return { resumeArgument: resumeArgument as string, fields };
}

function checkTemplate(
  value: unknown,
  path: string,
  fail: (path: string, expected: string, received: unknown) => never,
): PayloadTemplate {
  const template = isRecord(value)
    ? value
    : fail(path, 'an object of field → "$.path", literal or nested object', value);
  for (const [key, entry] of Object.entries(template)) {
    if (isRecord(entry)) checkTemplate(entry, `${path}.${key}`, fail);
    else if (entry !== null && !['string', 'number', 'boolean'].includes(typeof entry))
      fail(`${path}.${key}`, 'a "$.path", a literal or an object', entry);
  }
  return template as PayloadTemplate;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
