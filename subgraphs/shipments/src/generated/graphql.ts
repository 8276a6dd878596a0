import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentDoc as ShipmentDocModel, ShipmentLineDoc as ShipmentLineDocModel, OrderRef as OrderRefModel } from '../store/models.js';
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

export type ConfirmShipmentInput = {
  carrier: Scalars['String']['input'];
  /** What left, per shipment line; lines left out stay behind in the remainder. */
  lines: Array<ConfirmShipmentLineInput>;
  service: Scalars['String']['input'];
  shipmentId: Scalars['ID']['input'];
  /** 1 to 64 letters, digits or hyphens; unique across shipments. */
  trackingNumber: Scalars['String']['input'];
};

export type ConfirmShipmentLineInput = {
  lineId: Scalars['ID']['input'];
  /** Units that left: 1 up to what the shipment holds for the line. */
  quantity: Scalars['Int']['input'];
};

export type ConfirmShipmentPayload = {
  __typename?: 'ConfirmShipmentPayload';
  /** The new PENDING shipment holding what stayed behind; null when everything left. */
  remainder: Maybe<Shipment>;
  /** The confirmed shipment: exactly what left. */
  shipment: Shipment;
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

export type Milestone = {
  __typename?: 'Milestone';
  at: Scalars['DateTime']['output'];
  /** The carrier's own status code, when a carrier reported the milestone. */
  carrierCode: Maybe<Scalars['String']['output']>;
  description: Scalars['String']['output'];
  /** Where the carrier saw the parcel, e.g. 'Memphis, TN'. */
  location: Maybe<Scalars['String']['output']>;
  status: ShipmentStatus;
};

/** An amount of money as an exact decimal string (never a float) with its ISO-4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
};

/** WMS and console operations on shipments (adapters call the same domain workflows). */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records what physically left a location: the lines and units, carrier, service and tracking number. Allowed
   * while the shipment is PENDING or LABEL_CREATED and not yet confirmed. Confirming fewer units than the shipment
   * holds splits the rest into a new PENDING shipment at the same location (id `<id>-B`, `-C`, ...). A retried
   * identical confirmation returns the same result.
   */
  confirmShipment: ConfirmShipmentPayload;
  /**
   * Appends a normalised tracking milestone and moves the status along the shipment lifecycle. A milestone the
   * shipment already holds (same status at the same instant) changes nothing; an older one is kept as history
   * without moving the status back; an illegal move is a CONFLICT naming both statuses.
   */
  recordTrackingEvent: Shipment;
};


/** WMS and console operations on shipments (adapters call the same domain workflows). */
export type MutationConfirmShipmentArgs = {
  input: ConfirmShipmentInput;
};


/** WMS and console operations on shipments (adapters call the same domain workflows). */
export type MutationRecordTrackingEventArgs = {
  input: RecordTrackingEventInput;
};

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  /** Shipments of this order, oldest first; null (with an UNAVAILABLE error naming shipments) while it cannot be reached. */
  shipments: Maybe<Array<Shipment>>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Product = {
  __typename?: 'Product';
  sku: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One shipment by id; unknown ids are null with a NOT_FOUND error. */
  shipment: Maybe<Shipment>;
  /** The shipment a carrier tracking number belongs to. */
  shipmentByTrackingNumber: Maybe<Shipment>;
  /** Hydration of Subscription.shipmentUpdated: echoes the payload root the gateway built from an event (gateway only). */
  shipmentUpdatePayload: Maybe<ShipmentUpdate>;
  /** Shipments, newest first, filtered, with cursor pagination (`first` 1..100). */
  shipments: ShipmentConnection;
  /** Inbound shipment updates that were not applied (non-authoritative, stale or waiting for review), newest first. */
  shipmentsConflicts: MasteringConflictConnection;
};


export type QueryShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShipmentByTrackingNumberArgs = {
  trackingNumber: Scalars['String']['input'];
};


export type QueryShipmentUpdatePayloadArgs = {
  event: ShipmentUpdateInput;
};


export type QueryShipmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ShipmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryShipmentsConflictsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A tracking event for one shipment, named by exactly one of `shipmentId` and `trackingNumber`. */
export type RecordTrackingEventInput = {
  at: Scalars['DateTime']['input'];
  /** The carrier's own status code (EasyPost-style, e.g. `in_transit`), kept on the milestone. */
  carrierCode?: InputMaybe<Scalars['String']['input']>;
  description: Scalars['String']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  shipmentId?: InputMaybe<Scalars['ID']['input']>;
  /** The normalised status; when absent it is read from `carrierCode`. */
  status?: InputMaybe<ShipmentStatus>;
  trackingNumber?: InputMaybe<Scalars['String']['input']>;
};

/** A parcel or freight movement of some order lines from one location. The WMS and carriers master its status. */
export type Shipment = {
  __typename?: 'Shipment';
  /** Empty until the shipment is confirmed. */
  carrier: Scalars['String']['output'];
  /** When the WMS confirmed that the shipment left its location; null before. */
  confirmedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** What the freight cost, as the TMS or ERP rated it; null until one of them reports it. */
  freightCost: Maybe<Money>;
  id: Scalars['ID']['output'];
  lines: Array<ShipmentLine>;
  /** Null (with an UNAVAILABLE error naming inventory) while inventory cannot be reached. */
  location: Maybe<Location>;
  /** Normalised tracking milestones, oldest first. */
  milestones: Array<Milestone>;
  /** Null (with an UNAVAILABLE error naming orders) while orders cannot be reached. */
  order: Maybe<Order>;
  /** Where each mastered field group came from: `plan` (order, location, lines), `confirmation` (what left, when, carrier and tracking number; the location's WMS), `tracking` (milestones and status; the carrier), `freightCost` (TMS / ERP). */
  provenance: Array<FieldProvenance>;
  service: Scalars['String']['output'];
  status: ShipmentStatus;
  trackingNumber: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  edges: Array<ShipmentEdge>;
  nodes: Array<Shipment>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  cursor: Scalars['String']['output'];
  node: Shipment;
};

export type ShipmentFilter = {
  carrier?: InputMaybe<Scalars['String']['input']>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ShipmentStatus>;
};

export type ShipmentLine = {
  __typename?: 'ShipmentLine';
  lineId: Scalars['ID']['output'];
  /** Null (with an UNAVAILABLE error naming catalog) while the catalog cannot be reached. */
  product: Maybe<Product>;
  quantity: Scalars['Int']['output'];
};

export type ShipmentStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'IN_TRANSIT'
  | 'LABEL_CREATED'
  | 'OUT_FOR_DELIVERY'
  /** Created, not yet labelled or handed to a carrier. */
  | 'PENDING'
  | 'PICKED_UP'
  | 'RETURNED_TO_SENDER';

/** A shipment was created, confirmed or reached a tracking milestone. */
export type ShipmentUpdate = {
  __typename?: 'ShipmentUpdate';
  /** The event's stream entry id: pass it as `after` to resume from here. */
  cursor: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  orderId: Scalars['ID']['output'];
  shipment: Shipment;
  shipmentId: Scalars['ID']['output'];
  status: ShipmentStatus;
};

export type ShipmentUpdateInput = {
  cursor: Scalars['String']['input'];
  eventId: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
  shipment: ShipmentUpdateShipmentInput;
  shipmentId: Scalars['ID']['input'];
  status: ShipmentStatus;
};

export type ShipmentUpdateShipmentInput = {
  id: Scalars['ID']['input'];
};

/** Live shipment changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type Subscription = {
  __typename?: 'Subscription';
  shipmentUpdated: ShipmentUpdate;
};


/** Live shipment changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type SubscriptionShipmentUpdatedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  shipmentId?: InputMaybe<Scalars['ID']['input']>;
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
  Shipment: Shipment;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ConfirmShipmentInput: ConfirmShipmentInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ConfirmShipmentLineInput: ConfirmShipmentLineInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ConfirmShipmentPayload: ResolverTypeWrapper<Omit<ConfirmShipmentPayload, 'remainder' | 'shipment'> & { remainder?: Maybe<ResolversTypes['Shipment']>, shipment: ResolversTypes['Shipment'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldProvenance: ResolverTypeWrapper<FieldProvenance>;
  Location: ResolverTypeWrapper<Location>;
  MasteringConflict: ResolverTypeWrapper<MasteringConflict>;
  MasteringConflictConnection: ResolverTypeWrapper<MasteringConflictConnection>;
  Milestone: ResolverTypeWrapper<Milestone>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRefModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordTrackingEventInput: RecordTrackingEventInput;
  Shipment: ResolverTypeWrapper<ShipmentDocModel>;
  ShipmentConnection: ResolverTypeWrapper<Omit<ShipmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ShipmentEdge']>, nodes: Array<ResolversTypes['Shipment']> }>;
  ShipmentEdge: ResolverTypeWrapper<Omit<ShipmentEdge, 'node'> & { node: ResolversTypes['Shipment'] }>;
  ShipmentFilter: ShipmentFilter;
  ShipmentLine: ResolverTypeWrapper<ShipmentLineDocModel>;
  ShipmentStatus: ShipmentStatus;
  ShipmentUpdate: ResolverTypeWrapper<ShipmentUpdateInput>;
  ShipmentUpdateInput: ShipmentUpdateInput;
  ShipmentUpdateShipmentInput: ShipmentUpdateShipmentInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ConfirmShipmentInput: ConfirmShipmentInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  ConfirmShipmentLineInput: ConfirmShipmentLineInput;
  Int: Scalars['Int']['output'];
  ConfirmShipmentPayload: Omit<ConfirmShipmentPayload, 'remainder' | 'shipment'> & { remainder?: Maybe<ResolversParentTypes['Shipment']>, shipment: ResolversParentTypes['Shipment'] };
  DateTime: Scalars['DateTime']['output'];
  FieldProvenance: FieldProvenance;
  Location: Location;
  MasteringConflict: MasteringConflict;
  MasteringConflictConnection: MasteringConflictConnection;
  Milestone: Milestone;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRefModel;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Product: Product;
  Query: Record<PropertyKey, never>;
  RecordTrackingEventInput: RecordTrackingEventInput;
  Shipment: ShipmentDocModel;
  ShipmentConnection: Omit<ShipmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ShipmentEdge']>, nodes: Array<ResolversParentTypes['Shipment']> };
  ShipmentEdge: Omit<ShipmentEdge, 'node'> & { node: ResolversParentTypes['Shipment'] };
  ShipmentFilter: ShipmentFilter;
  ShipmentLine: ShipmentLineDocModel;
  ShipmentUpdate: ShipmentUpdateInput;
  ShipmentUpdateInput: ShipmentUpdateInput;
  ShipmentUpdateShipmentInput: ShipmentUpdateShipmentInput;
  Subscription: Record<PropertyKey, never>;
};

export type ConfirmShipmentPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ConfirmShipmentPayload'] = ResolversParentTypes['ConfirmShipmentPayload']> = {
  remainder?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
  shipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
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

export type MilestoneResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Milestone'] = ResolversParentTypes['Milestone']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  carrierCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  confirmShipment?: Resolver<ResolversTypes['ConfirmShipmentPayload'], ParentType, ContextType, RequireFields<MutationConfirmShipmentArgs, 'input'>>;
  recordTrackingEvent?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationRecordTrackingEventArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shipments?: Resolver<Maybe<Array<ResolversTypes['Shipment']>>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentArgs, 'id'>>;
  shipmentByTrackingNumber?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentByTrackingNumberArgs, 'trackingNumber'>>;
  shipmentUpdatePayload?: Resolver<Maybe<ResolversTypes['ShipmentUpdate']>, ParentType, ContextType, RequireFields<QueryShipmentUpdatePayloadArgs, 'event'>>;
  shipments?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, RequireFields<QueryShipmentsArgs, 'first'>>;
  shipmentsConflicts?: Resolver<ResolversTypes['MasteringConflictConnection'], ParentType, ContextType, RequireFields<QueryShipmentsConflictsArgs, 'first'>>;
};

export type ShipmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  carrier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  confirmedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  freightCost?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ShipmentLine']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  milestones?: Resolver<Array<ResolversTypes['Milestone']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  provenance?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ShipmentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShipmentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
};

export type ShipmentLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentLine'] = ResolversParentTypes['ShipmentLine']> = {
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShipmentUpdateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ShipmentUpdate'] = ResolversParentTypes['ShipmentUpdate']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
  shipmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  shipmentUpdated?: SubscriptionResolver<ResolversTypes['ShipmentUpdate'], "shipmentUpdated", ParentType, ContextType, Partial<SubscriptionShipmentUpdatedArgs>>;
};

export type Resolvers<ContextType = Context> = {
  ConfirmShipmentPayload?: ConfirmShipmentPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldProvenance?: FieldProvenanceResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  MasteringConflict?: MasteringConflictResolvers<ContextType>;
  MasteringConflictConnection?: MasteringConflictConnectionResolvers<ContextType>;
  Milestone?: MilestoneResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  ShipmentLine?: ShipmentLineResolvers<ContextType>;
  ShipmentUpdate?: ShipmentUpdateResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

