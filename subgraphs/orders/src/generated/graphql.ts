import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderDoc as OrderDocModel, OrderLineDoc as OrderLineDocModel } from '../store/models.js';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant in UTC. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: any; output: any; }
};

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  country: Scalars['String']['output'];
  line1: Scalars['String']['output'];
  line2: Maybe<Scalars['String']['output']>;
  postalCode: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type AllocationLine = {
  __typename?: 'AllocationLine';
  lineId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

export type Channel =
  | 'EDI'
  | 'INSIDE_SALES'
  | 'MARKETPLACE'
  | 'STORE'
  | 'WEB';

export type Customer = {
  __typename?: 'Customer';
  email: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** Where a mastered value came from. */
export type FieldProvenance = {
  __typename?: 'FieldProvenance';
  adapterRun: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
  observedAt: Scalars['DateTime']['output'];
  source: Scalars['String']['output'];
  sourceVersion: Scalars['String']['output'];
};

/** An order's payment state (mastered by the ERP). */
export type FinancialStatus =
  | 'AUTHORIZED'
  | 'PAID'
  | 'PARTIALLY_PAID'
  | 'PARTIALLY_REFUNDED'
  | 'PENDING'
  | 'REFUNDED'
  | 'VOIDED';

export type Location = {
  __typename?: 'Location';
  id: Scalars['ID']['output'];
};

/** An inbound update that was not applied (non-authoritative, stale, or waiting for review). */
export type MasteringConflict = {
  __typename?: 'MasteringConflict';
  at: Scalars['DateTime']['output'];
  currentSource: Maybe<Scalars['String']['output']>;
  currentSourceVersion: Maybe<Scalars['String']['output']>;
  entityId: Scalars['ID']['output'];
  fieldGroup: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  observedAt: Scalars['DateTime']['output'];
  reason: Scalars['String']['output'];
  source: Scalars['String']['output'];
  sourceVersion: Scalars['String']['output'];
};

export type MasteringConflictConnection = {
  __typename?: 'MasteringConflictConnection';
  nodes: Array<MasteringConflict>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
};

/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels what is not shipped yet; inventory releases it and shipments cancels pending shipments. */
  cancelOrder: Order;
  /** Opens a return (RMA) for shipped lines: each quantity at most shipped minus already returned or requested. */
  createReturn: Return;
  /**
   * Places an order: validates the lines against the catalog, writes the order (PENDING_VALIDATION) and reserves
   * stock through inventory. Idempotent by (channel, externalId) and by `idempotencyKey`: a duplicate returns the
   * existing order with `created: false`. When inventory is unreachable the order stays PENDING_VALIDATION and the
   * reservation continues through the event backbone.
   */
  placeOrder: PlaceOrderResult;
  /** Records returned units received at a location, with a disposition per line, and requests the refund. */
  receiveReturn: Return;
  /** Releases an ACCEPTED (or the allocated part of a BACKORDERED) order to the warehouses: one shipment per allocated location. */
  releaseOrder: Order;
};


/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type MutationCreateReturnArgs = {
  lines: Array<ReturnLineInput>;
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type MutationPlaceOrderArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: PlaceOrderInput;
};


/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type MutationReceiveReturnArgs = {
  lines: Array<ReceiveReturnLineInput>;
  locationId: Scalars['ID']['input'];
  returnId: Scalars['ID']['input'];
};


/** The order process API that channels call (see docs/events.md for the events each step emits). */
export type MutationReleaseOrderArgs = {
  id: Scalars['ID']['input'];
};

/** A customer order from any channel. Channels master what was ordered; the ERP masters financial status. */
export type Order = {
  __typename?: 'Order';
  /** Where inventory reserved the lines: one entry per location (one shipment each on release). */
  allocations: Array<OrderAllocation>;
  /** The business unit whose ERP books the order (each business unit posts to its own ERP); `default` unless the order said. */
  businessUnit: Scalars['String']['output'];
  channel: Channel;
  createdAt: Scalars['DateTime']['output'];
  customer: Customer;
  /** The ERP's sales order number; null until the ERP acknowledged the posting. */
  erpOrderNumber: Maybe<Scalars['String']['output']>;
  /** The channel's own order id; unique per channel. */
  externalId: Scalars['String']['output'];
  /** Payment state: the ERP's once it answered the sales-order posting, the channel's until then; null when neither said. */
  financialStatus: Maybe<FinancialStatus>;
  id: Scalars['ID']['output'];
  lines: Array<OrderLine>;
  /** Where each mastered field group came from: `content` (customer, ship-to, lines; the channel), `financialStatus` and `erpOrderNumber` (the ERP; the channel until the ERP answers), `status` (the order process). */
  provenance: Array<FieldProvenance>;
  /** The returns (RMAs) opened for this order, oldest first. */
  returns: Array<Return>;
  shipTo: ShipTo;
  status: OrderStatus;
  /** Why the order was rejected or cancelled; null otherwise. */
  statusReason: Maybe<Scalars['String']['output']>;
  /** Every status transition with its cause and actor, oldest first. */
  timeline: Array<TimelineEntry>;
  /** Sum of line quantity x unit price. */
  total: Money;
  updatedAt: Scalars['DateTime']['output'];
};

export type OrderAddressInput = {
  city: Scalars['String']['input'];
  country: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  postalCode: Scalars['String']['input'];
  region: Scalars['String']['input'];
};

export type OrderAllocation = {
  __typename?: 'OrderAllocation';
  lines: Array<AllocationLine>;
  /** Null (with an UNAVAILABLE error naming inventory) while inventory cannot be reached. */
  location: Maybe<Location>;
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  nodes: Array<Order>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderCustomerInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderFilter = {
  channel?: InputMaybe<Channel>;
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<OrderStatus>;
};

export type OrderLine = {
  __typename?: 'OrderLine';
  /** Units reserved at a location (see Order.allocations). */
  allocatedQuantity: Scalars['Int']['output'];
  /** Units waiting for stock. */
  backorderedQuantity: Scalars['Int']['output'];
  /** Units cancelled before they shipped. */
  cancelledQuantity: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  /** Null (with an UNAVAILABLE error naming catalog) while the catalog cannot be reached. */
  product: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  /** Units received back through returns. */
  returnedQuantity: Scalars['Int']['output'];
  shippedQuantity: Scalars['Int']['output'];
  status: OrderLineStatus;
  unitPrice: Money;
};

export type OrderLineStatus =
  | 'ALLOCATED'
  | 'BACKORDERED'
  | 'CANCELLED'
  | 'DELIVERED'
  | 'OPEN'
  | 'PARTIALLY_SHIPPED'
  | 'RELEASED'
  | 'RETURNED'
  | 'SHIPPED';

export type OrderMoneyInput = {
  /** A non-negative decimal string with at most four fraction digits, e.g. 12.50. */
  amount: Scalars['String']['input'];
  currencyCode: Scalars['String']['input'];
};

export type OrderShipToInput = {
  address: OrderAddressInput;
  name: Scalars['String']['input'];
};

export type OrderStatus =
  | 'ACCEPTED'
  | 'BACKORDERED'
  | 'CANCELLED'
  | 'DELIVERED'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING_VALIDATION'
  | 'REJECTED'
  | 'RELEASED'
  | 'RETURNED'
  | 'RETURN_REQUESTED'
  | 'SHIPPED';

/** One status transition of an order. */
export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  at: Scalars['DateTime']['output'];
  cause: Scalars['String']['output'];
  /** The event's stream entry id: pass it as `after` to resume from here. */
  cursor: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  from: Maybe<OrderStatus>;
  order: Order;
  orderId: Scalars['ID']['output'];
  to: OrderStatus;
};

export type OrderStatusChangeInput = {
  at: Scalars['DateTime']['input'];
  cause: Scalars['String']['input'];
  cursor: Scalars['String']['input'];
  eventId: Scalars['ID']['input'];
  from?: InputMaybe<OrderStatus>;
  order: OrderStatusChangeOrderInput;
  orderId: Scalars['ID']['input'];
  to: OrderStatus;
};

export type OrderStatusChangeOrderInput = {
  id: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PlaceOrderInput = {
  /** The business unit whose ERP books the order (ERP_ENDPOINTS); default `default`. */
  businessUnit?: InputMaybe<Scalars['String']['input']>;
  channel: Channel;
  customer: OrderCustomerInput;
  /** The channel's own order id; unique per channel. */
  externalId: Scalars['String']['input'];
  lines: Array<PlaceOrderLineInput>;
  shipTo: OrderShipToInput;
};

export type PlaceOrderLineInput = {
  /** Defaults to L1, L2, … by position. */
  lineId?: InputMaybe<Scalars['ID']['input']>;
  /** A positive whole number of selling units. */
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
  /** Defaults to the catalog price. */
  unitPrice?: InputMaybe<OrderMoneyInput>;
};

export type PlaceOrderResult = {
  __typename?: 'PlaceOrderResult';
  /** False when the submission was a duplicate and `order` is the one placed earlier. */
  created: Scalars['Boolean']['output'];
  order: Order;
};

export type Product = {
  __typename?: 'Product';
  sku: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One order by id; unknown ids are null with a NOT_FOUND error. */
  order: Maybe<Order>;
  /** One order by the id the channel gave it. */
  orderByExternalId: Maybe<Order>;
  /** Hydration of Subscription.orderStatusChanged: echoes the payload root the gateway built from an event (gateway only). */
  orderStatusChangePayload: Maybe<OrderStatusChange>;
  /** Orders, newest first, filtered, with cursor pagination (`first` 1..100). */
  orders: OrderConnection;
  /** Writes to mastered order fields that were refused (non-authoritative source, stale version), newest first. */
  ordersConflicts: MasteringConflictConnection;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderByExternalIdArgs = {
  channel: Channel;
  externalId: Scalars['String']['input'];
};


export type QueryOrderStatusChangePayloadArgs = {
  event: OrderStatusChangeInput;
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrdersConflictsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ReceiveReturnLineInput = {
  disposition: ReturnDisposition;
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

/** A return merchandise authorisation for shipped lines of one order. */
export type Return = {
  __typename?: 'Return';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReturnLine>;
  order: Order;
  reason: Scalars['String']['output'];
  /** Every receipt of returned units, oldest first. */
  receipts: Array<ReturnReceipt>;
  /** Sum of the refunds requested so far (quantity received x unit price). */
  refundTotal: Money;
  status: ReturnStatus;
  updatedAt: Scalars['DateTime']['output'];
};

/** What happens to returned units: RESTOCK back to on-hand at the receiving location, DAMAGED or QUALITY_CONTROL. */
export type ReturnDisposition =
  | 'DAMAGED'
  | 'QUALITY_CONTROL'
  | 'RESTOCK';

export type ReturnLine = {
  __typename?: 'ReturnLine';
  lineId: Scalars['ID']['output'];
  /** Null (with an UNAVAILABLE error naming catalog) while the catalog cannot be reached. */
  product: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  receivedQuantity: Scalars['Int']['output'];
  unitPrice: Money;
};

export type ReturnLineInput = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type ReturnReceipt = {
  __typename?: 'ReturnReceipt';
  at: Scalars['DateTime']['output'];
  lines: Array<ReturnReceiptLine>;
  /** Null (with an UNAVAILABLE error naming inventory) while inventory cannot be reached. */
  location: Maybe<Location>;
  refund: Money;
};

export type ReturnReceiptLine = {
  __typename?: 'ReturnReceiptLine';
  disposition: ReturnDisposition;
  lineId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
};

export type ReturnStatus =
  | 'PARTIALLY_RECEIVED'
  | 'RECEIVED'
  | 'REQUESTED';

export type ShipTo = {
  __typename?: 'ShipTo';
  address: Address;
  name: Scalars['String']['output'];
};

/** Live status changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type Subscription = {
  __typename?: 'Subscription';
  orderStatusChanged: OrderStatusChange;
};


/** Live status changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type SubscriptionOrderStatusChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Channel>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
};

export type TimelineEntry = {
  __typename?: 'TimelineEntry';
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  note: Scalars['String']['output'];
  status: OrderStatus;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Order: Order;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<Address>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AllocationLine: ResolverTypeWrapper<AllocationLine>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Channel: Channel;
  Customer: ResolverTypeWrapper<Customer>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldProvenance: ResolverTypeWrapper<FieldProvenance>;
  FinancialStatus: FinancialStatus;
  Location: ResolverTypeWrapper<Location>;
  MasteringConflict: ResolverTypeWrapper<MasteringConflict>;
  MasteringConflictConnection: ResolverTypeWrapper<MasteringConflictConnection>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderDocModel>;
  OrderAddressInput: OrderAddressInput;
  OrderAllocation: ResolverTypeWrapper<OrderAllocation>;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['OrderEdge']>, nodes: Array<ResolversTypes['Order']> }>;
  OrderCustomerInput: OrderCustomerInput;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderFilter: OrderFilter;
  OrderLine: ResolverTypeWrapper<OrderLineDocModel>;
  OrderLineStatus: OrderLineStatus;
  OrderMoneyInput: OrderMoneyInput;
  OrderShipToInput: OrderShipToInput;
  OrderStatus: OrderStatus;
  OrderStatusChange: ResolverTypeWrapper<OrderStatusChangeInput>;
  OrderStatusChangeInput: OrderStatusChangeInput;
  OrderStatusChangeOrderInput: OrderStatusChangeOrderInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlaceOrderInput: PlaceOrderInput;
  PlaceOrderLineInput: PlaceOrderLineInput;
  PlaceOrderResult: ResolverTypeWrapper<Omit<PlaceOrderResult, 'order'> & { order: ResolversTypes['Order'] }>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReceiveReturnLineInput: ReceiveReturnLineInput;
  Return: ResolverTypeWrapper<Omit<Return, 'order'> & { order: ResolversTypes['Order'] }>;
  ReturnDisposition: ReturnDisposition;
  ReturnLine: ResolverTypeWrapper<ReturnLine>;
  ReturnLineInput: ReturnLineInput;
  ReturnReceipt: ResolverTypeWrapper<ReturnReceipt>;
  ReturnReceiptLine: ResolverTypeWrapper<ReturnReceiptLine>;
  ReturnStatus: ReturnStatus;
  ShipTo: ResolverTypeWrapper<ShipTo>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TimelineEntry: ResolverTypeWrapper<TimelineEntry>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: Address;
  String: Scalars['String']['output'];
  AllocationLine: AllocationLine;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Customer: Customer;
  DateTime: Scalars['DateTime']['output'];
  FieldProvenance: FieldProvenance;
  Location: Location;
  MasteringConflict: MasteringConflict;
  MasteringConflictConnection: MasteringConflictConnection;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderDocModel;
  OrderAddressInput: OrderAddressInput;
  OrderAllocation: OrderAllocation;
  OrderConnection: Omit<OrderConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['OrderEdge']>, nodes: Array<ResolversParentTypes['Order']> };
  OrderCustomerInput: OrderCustomerInput;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderFilter: OrderFilter;
  OrderLine: OrderLineDocModel;
  OrderMoneyInput: OrderMoneyInput;
  OrderShipToInput: OrderShipToInput;
  OrderStatusChange: OrderStatusChangeInput;
  OrderStatusChangeInput: OrderStatusChangeInput;
  OrderStatusChangeOrderInput: OrderStatusChangeOrderInput;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PlaceOrderInput: PlaceOrderInput;
  PlaceOrderLineInput: PlaceOrderLineInput;
  PlaceOrderResult: Omit<PlaceOrderResult, 'order'> & { order: ResolversParentTypes['Order'] };
  Product: Product;
  Query: Record<PropertyKey, never>;
  ReceiveReturnLineInput: ReceiveReturnLineInput;
  Return: Omit<Return, 'order'> & { order: ResolversParentTypes['Order'] };
  ReturnLine: ReturnLine;
  ReturnLineInput: ReturnLineInput;
  ReturnReceipt: ReturnReceipt;
  ReturnReceiptLine: ReturnReceiptLine;
  ShipTo: ShipTo;
  Subscription: Record<PropertyKey, never>;
  TimelineEntry: TimelineEntry;
};

export type AddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AllocationLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AllocationLine'] = ResolversParentTypes['AllocationLine']> = {
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CustomerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldProvenanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FieldProvenance'] = ResolversParentTypes['FieldProvenance']> = {
  adapterRun?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MasteringConflictResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MasteringConflict'] = ResolversParentTypes['MasteringConflict']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currentSource?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  currentSourceVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  fieldGroup?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MasteringConflictConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MasteringConflictConnection'] = ResolversParentTypes['MasteringConflictConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['MasteringConflict']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id' | 'reason'>>;
  createReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationCreateReturnArgs, 'lines' | 'orderId' | 'reason'>>;
  placeOrder?: Resolver<ResolversTypes['PlaceOrderResult'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  receiveReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationReceiveReturnArgs, 'lines' | 'locationId' | 'returnId'>>;
  releaseOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationReleaseOrderArgs, 'id'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allocations?: Resolver<Array<ResolversTypes['OrderAllocation']>, ParentType, ContextType>;
  businessUnit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  erpOrderNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  financialStatus?: Resolver<Maybe<ResolversTypes['FinancialStatus']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  provenance?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  returns?: Resolver<Array<ResolversTypes['Return']>, ParentType, ContextType>;
  shipTo?: Resolver<ResolversTypes['ShipTo'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['TimelineEntry']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OrderAllocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderAllocation'] = ResolversParentTypes['OrderAllocation']> = {
  lines?: Resolver<Array<ResolversTypes['AllocationLine']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = {
  allocatedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  backorderedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cancelledQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  returnedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shippedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderLineStatus'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderStatusChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderStatusChange'] = ResolversParentTypes['OrderStatusChange']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cause?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlaceOrderResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PlaceOrderResult'] = ResolversParentTypes['PlaceOrderResult']> = {
  created?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orderByExternalId?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderByExternalIdArgs, 'channel' | 'externalId'>>;
  orderStatusChangePayload?: Resolver<Maybe<ResolversTypes['OrderStatusChange']>, ParentType, ContextType, RequireFields<QueryOrderStatusChangePayloadArgs, 'event'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryOrdersArgs, 'first'>>;
  ordersConflicts?: Resolver<ResolversTypes['MasteringConflictConnection'], ParentType, ContextType, RequireFields<QueryOrdersConflictsArgs, 'first'>>;
};

export type ReturnResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Return'] = ResolversParentTypes['Return']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ReturnLine']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receipts?: Resolver<Array<ResolversTypes['ReturnReceipt']>, ParentType, ContextType>;
  refundTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReturnStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ReturnLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReturnLine'] = ResolversParentTypes['ReturnLine']> = {
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  receivedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type ReturnReceiptResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReturnReceipt'] = ResolversParentTypes['ReturnReceipt']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ReturnReceiptLine']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  refund?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type ReturnReceiptLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReturnReceiptLine'] = ResolversParentTypes['ReturnReceiptLine']> = {
  disposition?: Resolver<ResolversTypes['ReturnDisposition'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShipToResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipTo'] = ResolversParentTypes['ShipTo']> = {
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  orderStatusChanged?: SubscriptionResolver<ResolversTypes['OrderStatusChange'], "orderStatusChanged", ParentType, ContextType, Partial<SubscriptionOrderStatusChangedArgs>>;
};

export type TimelineEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TimelineEntry'] = ResolversParentTypes['TimelineEntry']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Address?: AddressResolvers<ContextType>;
  AllocationLine?: AllocationLineResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldProvenance?: FieldProvenanceResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  MasteringConflict?: MasteringConflictResolvers<ContextType>;
  MasteringConflictConnection?: MasteringConflictConnectionResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderAllocation?: OrderAllocationResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  OrderStatusChange?: OrderStatusChangeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PlaceOrderResult?: PlaceOrderResultResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Return?: ReturnResolvers<ContextType>;
  ReturnLine?: ReturnLineResolvers<ContextType>;
  ReturnReceipt?: ReturnReceiptResolvers<ContextType>;
  ReturnReceiptLine?: ReturnReceiptLineResolvers<ContextType>;
  ShipTo?: ShipToResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TimelineEntry?: TimelineEntryResolvers<ContextType>;
};

