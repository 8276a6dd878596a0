import { z } from 'zod';
import { createEvent, type EventDefinition } from './envelope.js';
import type { EventRegistry } from './registry.js';

/** One stream a subgraph reads, as declared in its `src/events/contracts.ts`. */
export interface ConsumedStream {
  stream: string;
  /** Entity prefixes followed (`orders.order`); other entities' events are acknowledged unread. */
  follows: readonly string[];
  /** The consumer's tolerant readers: only the fields it uses, so producers may add fields freely. */
  registry: EventRegistry;
}

/** A subgraph's side of the event contract: what it publishes (it owns those) and what it reads. */
export interface SubgraphContracts {
  subgraph: string;
  /** The stream it publishes to (one per domain), or null when it publishes nothing. */
  stream: string | null;
  published: readonly EventDefinition[];
  consumed: readonly ConsumedStream[];
}

/** One consumer reading one producer's event type. */
export interface ContractPair {
  producer: string;
  consumer: string;
  stream: string;
  type: string;
  /** The version the producer publishes. */
  version: number;
}

/** A broken promise between two subgraphs (or a producer and its own example), in words a reviewer can act on. */
export interface ContractBreak {
  pair: ContractPair | null;
  message: string;
}

/** Every (producer, consumer, type) the subgraphs' declarations name, sorted by stream, type, consumer. */
export function contractPairs(all: readonly SubgraphContracts[]): ContractPair[] {
  const pairs: ContractPair[] = [];
  for (const consumer of all) {
    for (const read of consumer.consumed) {
      const producer = all.find((p) => p.stream === read.stream);
      for (const reader of read.registry.list()) {
        const published = producer?.published.find((d) => d.type === reader.type);
        if (!producer || !published) continue;
        if (pairs.some((p) => p.consumer === consumer.subgraph && p.type === reader.type)) continue; // several reader versions
        pairs.push({
          producer: producer.subgraph,
          consumer: consumer.subgraph,
          stream: read.stream,
          type: reader.type,
          version: published.version,
        });
      }
    }
  }
  return pairs.sort(
    (a, b) => a.stream.localeCompare(b.stream) || a.type.localeCompare(b.type) || a.consumer.localeCompare(b.consumer),
  );
}

/**
 * Checks every promise: each published event has an example its own schema keeps whole (a field dropped from the
 * schema but left in the example is caught here), each consumer's reader accepts the producer's example at the
 * version the producer publishes, and no consumer reads a type of a stream that its producer does not publish.
 */
export function checkContracts(all: readonly SubgraphContracts[]): ContractBreak[] {
  const breaks: ContractBreak[] = [];
  for (const producer of all) {
    for (const def of producer.published) {
      if (def.example === undefined) {
        breaks.push({
          pair: null,
          message: `${producer.subgraph} publishes ${def.type} v${def.version} without an example`,
        });
        continue;
      }
      const parsed = def.schema.safeParse(def.example);
      if (!parsed.success) {
        breaks.push({
          pair: null,
          message: `${producer.subgraph}'s example of ${def.type} is invalid: ${z.prettifyError(parsed.error)}`,
        });
      } else if (JSON.stringify(parsed.data) !== JSON.stringify(def.example)) {
        breaks.push({
          pair: null,
          message: `${producer.subgraph}'s example of ${def.type} has fields its schema no longer declares`,
        });
      }
    }
  }
  for (const consumer of all) {
    for (const read of consumer.consumed) {
      const producer = all.find((p) => p.stream === read.stream);
      if (!producer) continue; // a stream of no subgraph (e.g. a test's)
      for (const reader of read.registry.list()) {
        if (!producer.published.some((d) => d.type === reader.type)) {
          breaks.push({
            pair: null,
            message: `${consumer.subgraph} reads ${reader.type}, which ${producer.subgraph} does not publish`,
          });
        }
      }
    }
  }
  for (const pair of contractPairs(all)) {
    const def = all.find((p) => p.subgraph === pair.producer)!.published.find((d) => d.type === pair.type)!;
    const registry = all
      .find((c) => c.subgraph === pair.consumer)!
      .consumed.find((c) => c.stream === pair.stream)!.registry;
    if (def.example === undefined) continue; // reported above
    const envelope = createEvent(def, {
      source: `/subgraphs/${pair.producer}`,
      subject: 'contract',
      data: def.example,
    });
    const checked = registry.check(envelope);
    if (!checked.ok) {
      breaks.push({
        pair,
        message: `${pair.consumer} cannot read ${pair.type} v${pair.version} from ${pair.producer}: ${checked.reason}`,
      });
    }
  }
  return breaks;
}

/** The payload shape of a schema in one line, e.g. `{ orderId, lines: [{ sku, quantity }], reason? }`. */
export function describeShape(schema: z.ZodType): string {
  return shapeOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
}

function shapeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(shapeOf).join(' \\| ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.properties) {
    const required = new Set(s.required ?? []);
    const fields = Object.entries(s.properties).map(([name, field]) => {
      // A nullable field is `anyOf [T, null]` or `type: [T, 'null']`: show T's inner shape, then `| null`.
      const members = field.anyOf ?? [field];
      const nullable = members.some((m) => m.type === 'null' || (Array.isArray(m.type) && m.type.includes('null')));
      const value = members.find((m) => m.type !== 'null') ?? field;
      const inner = value.properties || value.items?.properties || value.enum ? `: ${shapeOf(value)}` : '';
      return `${name}${required.has(name) ? '' : '?'}${inner}${nullable ? ' \\| null' : ''}`;
    });
    return `{ ${fields.join(', ')} }`;
  }
  if (s.items) return `[${shapeOf(s.items)}]`;
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
}

/** The markdown tables of docs/events.md between its `<!-- events:begin -->` and `<!-- events:end -->` marks. */
export function renderEventTables(all: readonly SubgraphContracts[]): string {
  const pairs = contractPairs(all);
  const sections: string[] = [];
  for (const producer of all) {
    if (!producer.stream || producer.published.length === 0) continue;
    const rows = producer.published.map((def) => {
      const readers = pairs.filter((p) => p.type === def.type).map((p) => p.consumer);
      const cells = [
        `\`${def.type}\``,
        String(def.version),
        `\`${def.dataschema}\``,
        `\`${describeShape(def.schema)}\``,
        readers.length > 0 ? readers.join(', ') : '—',
        def.description.replaceAll('|', '\\|'),
      ];
      return `| ${cells.join(' | ')} |`;
    });
    sections.push(
      [
        `### ${producer.subgraph} (stream \`${producer.stream}\`)`,
        '',
        '| type | version | dataschema | data | read by | meaning |',
        '|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  }
  const reads = all
    .filter((c) => c.consumed.length > 0)
    .map((c) => {
      const lines = c.consumed.flatMap((read) =>
        read.registry
          .list()
          .map(
            (r) =>
              `| ${c.subgraph} | \`${read.stream}\` | \`${r.type}\` v${r.version} | \`${describeShape(r.schema)}\` |`,
          ),
      );
      return lines.join('\n');
    });
  sections.push(
    [
      '### What each consumer reads (its tolerant readers)',
      '',
      '| consumer | stream | type | fields it needs |',
      '|---|---|---|---|',
      ...reads,
    ].join('\n'),
  );
  return sections.join('\n\n');
}

/** Marks around the generated part of docs/events.md. */
export const EVENTS_DOC_MARKS = {
  begin: '<!-- events:begin (generated by `npm run docs:events`; edit the contracts, not this) -->',
  end: '<!-- events:end -->',
} as const;

/** `doc` with its generated part replaced by `tables`; throws when the marks are missing. */
export function replaceEventTables(doc: string, tables: string): string {
  const begin = doc.indexOf(EVENTS_DOC_MARKS.begin);
  const end = doc.indexOf(EVENTS_DOC_MARKS.end);
  if (begin < 0 || end < begin)
    throw new Error(`docs/events.md lacks the marks ${EVENTS_DOC_MARKS.begin} … ${EVENTS_DOC_MARKS.end}`);
  return `${doc.slice(0, begin + EVENTS_DOC_MARKS.begin.length)}\n\n${tables}\n\n${doc.slice(end)}`;
}
