/** A stream entry id as numbers: `<ms>-<seq>`. */
export interface EntryId {
  ms: number;
  seq: number;
}

/** Parses a complete id `<ms>-<seq>`. */
export function parseId(id: string): EntryId {
  const [ms, seq] = id.split('-');
  return { ms: Number(ms), seq: Number(seq ?? 0) };
}

/** Orders two ids like Redis does. */
export function compareIds(a: EntryId, b: EntryId): number {
  return a.ms - b.ms || a.seq - b.seq;
}

/** Formats an id. */
export function formatId(id: EntryId): string {
  return `${id.ms}-${id.seq}`;
}

/** A range bound as a predicate, with Redis's reading of `-`, `+`, `(id` and incomplete ids (`<ms>`). */
export function boundTest(bound: string, side: 'start' | 'end'): (id: EntryId) => boolean {
  if (bound === '-') return () => true;
  if (bound === '+') return () => true;
  const exclusive = bound.startsWith('(');
  const text = exclusive ? bound.slice(1) : bound;
  const complete = text.includes('-');
  const limit = complete ? parseId(text) : { ms: Number(text), seq: side === 'start' ? 0 : Number.MAX_SAFE_INTEGER };
  return side === 'start'
    ? (id) => (exclusive ? compareIds(id, limit) > 0 : compareIds(id, limit) >= 0)
    : (id) => (exclusive ? compareIds(id, limit) < 0 : compareIds(id, limit) <= 0);
}
