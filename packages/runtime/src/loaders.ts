import DataLoader from 'dataloader';
import { inSpan } from '@fulfillment-mesh/telemetry';
import { notFound } from './errors.js';

/**
 * A per-request loader of entities by key: one batched `$in` query per tick, results in key order, and a
 * NOT_FOUND error for each key the store does not have (DataLoader's batch contract).
 */
export function entityLoader<T>(
  entity: string,
  fetchMany: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T> {
  return new DataLoader<string, T>(async (keys) => {
    const rows = await inSpan(
      `store.batch ${entity}`,
      { attributes: { 'db.operation.name': 'find', 'db.operation.batch.size': keys.length } },
      () => fetchMany(keys),
    );
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? notFound(entity, key));
  });
}

/** A per-request loader of child lists by parent key (an empty list when a parent has none). */
export function groupLoader<T>(
  fetchMany: (keys: readonly string[]) => Promise<T[]>,
  parentKeyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await inSpan(
      'store.batch group',
      { attributes: { 'db.operation.name': 'find', 'db.operation.batch.size': keys.length } },
      () => fetchMany(keys),
    );
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = parentKeyOf(row);
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
