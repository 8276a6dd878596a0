import { invalidInput } from './errors.js';

/** Limits for `first`: default page size and the largest page a client may ask for. */
export interface PageLimits {
  defaultFirst?: number;
  maxFirst?: number;
}

/** A page request after validation: how many to return and the sort key to continue after. */
export interface PageRequest {
  first: number;
  after: string | null;
}

/** A Relay-style connection built from one extra-row fetch. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Opaque cursor: base64url of the sort key, so clients cannot depend on its content. */
export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

/** Decodes a cursor or throws INVALID_INPUT naming `after`. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || encodeCursor(text.slice(2)) !== cursor) {
    throw invalidInput('after', 'a cursor returned by an earlier page', cursor);
  }
  return text.slice(2);
}

/** Validates `first` / `after` arguments: `first` must be a whole number in 1..maxFirst. */
export function pageRequest(
  args: { first?: number | null; after?: string | null },
  limits: PageLimits = {},
): PageRequest {
  const maxFirst = limits.maxFirst ?? 100;
  const first = args.first ?? limits.defaultFirst ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > maxFirst) {
    throw invalidInput('first', `a whole number from 1 to ${maxFirst}`, args.first);
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

/** Turns `first + 1` fetched rows into a connection (the extra row only tells whether there is a next page). */
export function toConnection<T>(rows: T[], first: number, keyOf: (row: T) => string): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
