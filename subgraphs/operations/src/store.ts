import type { Collection, Store } from '@fulfillment-mesh/runtime';
import type { ExceptionDoc } from './models.js';
import type { AdapterStateDoc, InboundAdapterDoc } from './monitor/adapters.js';

/** The operations subgraph's own collections. */
export interface OperationsCollections {
  exceptions: Collection<ExceptionDoc>;
  /** Per-adapter counters remembered between health samples. */
  adapterStates: Collection<AdapterStateDoc>;
  /** Per inbound connector (webhooks, file drops, polls), from `<domain>.inbound.outcome`. */
  inboundAdapters: Collection<InboundAdapterDoc>;
}

/** Opens the collections and their indexes (the unique sparse `openKey` is the (kind, subject) dedupe). */
export async function openOperationsStore(store: Store): Promise<OperationsCollections> {
  const exceptions = store.collection<ExceptionDoc>('exceptions');
  await exceptions.createIndex({ fields: { openKey: 1 }, unique: true, sparse: true });
  await exceptions.createIndex({ fields: { openedAt: 1 } });
  await exceptions.createIndex({ fields: { subject: 1 } });
  return {
    exceptions,
    adapterStates: store.collection<AdapterStateDoc>('adapterStates'),
    inboundAdapters: store.collection<InboundAdapterDoc>('inboundAdapters'),
  };
}
