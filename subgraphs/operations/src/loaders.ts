import type DataLoader from 'dataloader';
import { entityLoader, groupLoader } from '@fulfillment-mesh/runtime';
import type { ExceptionDoc } from './models.js';
import type { OperationsCollections } from './store.js';

/** Per-request loaders of the operations subgraph. */
export interface ExceptionLoaders {
  exception: DataLoader<string, ExceptionDoc>;
  /** Exceptions about a subject (order id, shipment id, SKU), newest first. */
  bySubject: DataLoader<string, ExceptionDoc[]>;
}

/** One set per request: one `$in` query per tick per loader. */
export function createLoaders(collections: OperationsCollections): ExceptionLoaders {
  return {
    exception: entityLoader(
      'Exception',
      (ids) => collections.exceptions.find({ _id: { $in: [...ids] } }),
      (doc) => doc._id,
    ),
    bySubject: groupLoader(
      (subjects) =>
        collections.exceptions.find({ subject: { $in: [...subjects] } }, { sort: { openedAt: -1, _id: -1 } }),
      (doc) => doc.subject,
    ),
  };
}
