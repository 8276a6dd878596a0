import type { EdiIdentity, PurchaseOrder, ReceivedInterchangeDoc } from '@fulfillment-mesh/connectors';
import type { Collection, Doc, Store } from '@fulfillment-mesh/runtime';

/** The EDI side of an order placed from an 850 (collection `edi_orders`, `_id` = order id): who to acknowledge, and what. */
export interface EdiOrderLinkDoc extends Doc {
  partnerId: string;
  /** The partner's interchange identity (the 850's ISA/GS sender): the receiver of our 855. */
  partner: EdiIdentity;
  /** Our identity as the partner addressed us (the 850's receiver): the sender of our 855. */
  self: EdiIdentity;
  purchaseOrder: PurchaseOrder;
}

/** A document generated for a partner (collection `edi_outbound`): a 997 answering an interchange, or an 855. */
export interface EdiOutboundDoc extends Doc {
  partnerId: string;
  /** `997` or `855`. */
  setId: string;
  /** The X12 interchange text. */
  text: string;
  interchangeControlNumber: string;
  /** The order and PO it is about (855 only). */
  orderId: string | null;
  poNumber: string | null;
  createdAt: string;
}

/** The EDI collections of the orders subgraph. */
export interface EdiStore {
  links: Collection<EdiOrderLinkDoc>;
  outbound: Collection<EdiOutboundDoc>;
  /** Received interchanges (`edi_interchanges`): each (sender, receiver, ISA13) is answered once. */
  interchanges: Collection<ReceivedInterchangeDoc>;
  /** Partner's documents, oldest first, optionally of one set. */
  outboundFor(partnerId: string, setId?: string | null): Promise<EdiOutboundDoc[]>;
}

/** Opens the EDI collections and their indexes. */
export async function openEdiStore(store: Pick<Store, 'collection'>): Promise<EdiStore> {
  const links = store.collection<EdiOrderLinkDoc>('edi_orders');
  const outbound = store.collection<EdiOutboundDoc>('edi_outbound');
  await outbound.createIndex({ fields: { partnerId: 1, createdAt: 1 } });
  return {
    links,
    outbound,
    interchanges: store.collection<ReceivedInterchangeDoc>('edi_interchanges'),
    outboundFor: (partnerId, setId) =>
      outbound.find({ partnerId, ...(setId ? { setId } : {}) }, { sort: { createdAt: 1, _id: 1 } }),
  };
}
