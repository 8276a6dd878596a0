import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { dayOf, type UsageStore } from './store.js';

/** One operation of a client in a usage export: counts summed over the window. */
export interface UsageOperation {
  hash: string;
  name: string | null;
  clientId: string;
  clientKind: string;
  clientVersion: string | null;
  /** The document text (null when the store lost it); schema:check re-validates it. */
  document: string | null;
  coordinates: string[];
  count: number;
  /** ISO time. */
  lastSeen: string;
}

/** `npm run usage:export` output, read by `schema:check --usage <file>`. */
export interface UsageExport {
  generatedAt: string;
  since: string;
  operations: UsageOperation[];
}

/** Reads the usage of the days since `since` (inclusive) up to now as an export. */
export async function exportUsage(store: UsageStore, since: Date, now: Date = new Date()): Promise<UsageExport> {
  const snapshot = await store.read(dayOf(since.getTime()), dayOf(now.getTime()));
  const merged = new Map<string, UsageOperation & { seen: number }>();
  for (const c of snapshot.counts) {
    const field = JSON.stringify([c.clientId, c.clientKind, c.clientVersion, c.hash, c.name]);
    const entry = merged.get(field);
    if (entry) {
      entry.count += c.count;
      entry.seen = Math.max(entry.seen, c.lastSeen);
      continue;
    }
    const doc = snapshot.documents.get(c.hash);
    merged.set(field, {
      hash: c.hash,
      name: c.name,
      clientId: c.clientId,
      clientKind: c.clientKind,
      clientVersion: c.clientVersion,
      document: doc?.document ?? null,
      coordinates: doc?.coordinates ?? [],
      count: c.count,
      lastSeen: '',
      seen: c.lastSeen,
    });
  }
  const operations = [...merged.values()]
    .map(({ seen, ...op }) => ({ ...op, lastSeen: new Date(seen).toISOString() }))
    .sort((a, b) => b.count - a.count || a.clientId.localeCompare(b.clientId) || a.hash.localeCompare(b.hash));
  return { generatedAt: now.toISOString(), since: since.toISOString(), operations };
}

/** Who uses one schema coordinate. */
export interface CoordinateUsage {
  coordinate: string;
  count: number;
  lastSeen: string | null;
  clients: { clientId: string; clientKind: string; clientVersion: string | null; count: number; lastSeen: string }[];
  operations: { hash: string; name: string | null; clientId: string; count: number; lastSeen: string }[];
}

/** The usage of `coordinate` in an export: per client (and version) and per operation; zero when unused. */
export function coordinateUsage(usage: UsageExport, coordinate: string): CoordinateUsage {
  const using = usage.operations.filter((op) => op.coordinates.includes(coordinate));
  const clients = new Map<string, CoordinateUsage['clients'][number]>();
  for (const op of using) {
    const key = JSON.stringify([op.clientId, op.clientKind, op.clientVersion]);
    const entry = clients.get(key);
    if (entry) {
      entry.count += op.count;
      if (op.lastSeen > entry.lastSeen) entry.lastSeen = op.lastSeen;
    } else
      clients.set(key, {
        clientId: op.clientId,
        clientKind: op.clientKind,
        clientVersion: op.clientVersion,
        count: op.count,
        lastSeen: op.lastSeen,
      });
  }
  return {
    coordinate,
    count: using.reduce((sum, op) => sum + op.count, 0),
    lastSeen: using.reduce<string | null>(
      (latest, op) => (latest === null || op.lastSeen > latest ? op.lastSeen : latest),
      null,
    ),
    clients: [...clients.values()].sort((a, b) => b.count - a.count),
    operations: using.map((op) => ({
      hash: op.hash,
      name: op.name,
      clientId: op.clientId,
      count: op.count,
      lastSeen: op.lastSeen,
    })),
  };
}

/** What one client ran: its operations and the coordinates they touch (empty for a client never seen). */
export interface ClientUsage {
  clientId: string;
  count: number;
  operations: { hash: string; name: string | null; clientVersion: string | null; count: number; lastSeen: string }[];
  coordinates: { coordinate: string; count: number }[];
}

/** The usage of one client in an export; an unknown client has no operations (not an error). */
export function clientUsage(usage: UsageExport, clientId: string): ClientUsage {
  const ops = usage.operations.filter((op) => op.clientId === clientId);
  const coordinates = new Map<string, number>();
  for (const op of ops) for (const c of op.coordinates) coordinates.set(c, (coordinates.get(c) ?? 0) + op.count);
  return {
    clientId,
    count: ops.reduce((sum, op) => sum + op.count, 0),
    operations: ops.map((op) => ({
      hash: op.hash,
      name: op.name,
      clientVersion: op.clientVersion,
      count: op.count,
      lastSeen: op.lastSeen,
    })),
    coordinates: [...coordinates]
      .map(([coordinate, count]) => ({ coordinate, count }))
      .sort((a, b) => b.count - a.count || a.coordinate.localeCompare(b.coordinate)),
  };
}

const exportSchema = z.object({
  generatedAt: z.string(),
  since: z.string(),
  operations: z.array(
    z.object({
      hash: z.string(),
      name: z.string().nullable(),
      clientId: z.string(),
      clientKind: z.string(),
      clientVersion: z.string().nullable(),
      document: z.string().nullable(),
      coordinates: z.array(z.string()),
      count: z.number().int().nonnegative(),
      lastSeen: z.string(),
    }),
  ),
});

/**
 * Parses a usage export. Text that is not JSON throws naming `file`, line, column and offset of the first error;
 * JSON of the wrong shape throws naming the file and the first wrong field.
 */
export function parseUsageExport(text: string, file: string): UsageExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    throw new Error(
      `${file}:${line}:${column}: not valid JSON (${first ? printParseErrorCode(first.error) : 'unexpected end'} at position ${offset})`,
    );
  }
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file}: not a usage export (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}

/** `30d`, `12h`, `90m`, or an ISO date: the start of a usage window before `now`. */
export function parseSince(value: string, now: Date = new Date()): Date {
  const relative = /^(\d+)([dhm])$/.exec(value);
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`"${value}" is neither a duration (30d, 12h, 90m) nor a date`);
  return date;
}
