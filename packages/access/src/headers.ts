/**
 * Where request headers come from: node's `IncomingHttpHeaders`, Apollo's `HeaderMap`, fetch `Headers`, or a
 * plain record (graphql-ws connection params). Names are matched case-insensitively.
 */
export type HeaderSource =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined | unknown>>;

/** The first value of header `name`, trimmed; undefined when absent or empty. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): string | null | undefined }).get(lower);
  } else {
    const record = headers as Readonly<Record<string, unknown>>;
    value = record[lower] ?? record[name] ?? findCaseInsensitive(record, lower);
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function findCaseInsensitive(record: Readonly<Record<string, unknown>>, lower: string): unknown {
  for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
