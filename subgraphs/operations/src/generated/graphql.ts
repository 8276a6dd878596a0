import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

/** Health of one adapter in one direction (inbound: into the mesh; outbound: to the external system). */
export type AdapterHealth = {
  __typename?: 'AdapterHealth';
  /** The connector's name, e.g. `shopify-orders`, `erp-postings`. */
  adapter: Scalars['String']['output'];
  /** Work waiting: undelivered outbound items or unprocessed inbound dead letters. */
  backlog: Scalars['Int']['output'];
  /** INBOUND | OUTBOUND */
  direction: Scalars['String']['output'];
  failuresLastHour: Scalars['Int']['output'];
  lastFailureAt: Maybe<Scalars['String']['output']>;
  lastSuccessAt: Maybe<Scalars['String']['output']>;
};

/** A coordinate a client's operations touch, with their calls. */
export type ClientCoordinateUsage = {
  __typename?: 'ClientCoordinateUsage';
  coordinate: Scalars['String']['output'];
  count: Scalars['Int']['output'];
};

/** One operation of a client. */
export type ClientOperationUsage = {
  __typename?: 'ClientOperationUsage';
  clientVersion: Maybe<Scalars['String']['output']>;
  count: Scalars['Int']['output'];
  hash: Scalars['String']['output'];
  lastSeen: Scalars['String']['output'];
  name: Maybe<Scalars['String']['output']>;
};

/** What one client ran (docs/governance.md). */
export type ClientUsage = {
  __typename?: 'ClientUsage';
  clientId: Scalars['String']['output'];
  coordinates: Array<ClientCoordinateUsage>;
  count: Scalars['Int']['output'];
  operations: Array<ClientOperationUsage>;
};

export type ConsumerGroupCounters = {
  __typename?: 'ConsumerGroupCounters';
  deadLettered: Scalars['Float']['output'];
  duplicate: Scalars['Float']['output'];
  processed: Scalars['Float']['output'];
  replayed: Scalars['Float']['output'];
  retried: Scalars['Float']['output'];
  /** Events of types the group does not follow, acknowledged unread. */
  skipped: Scalars['Float']['output'];
  stale: Scalars['Float']['output'];
};

export type ConsumerGroupHealth = {
  __typename?: 'ConsumerGroupHealth';
  /** Entries not yet delivered to the group. */
  backlog: Scalars['Int']['output'];
  consumers: Scalars['Int']['output'];
  counters: ConsumerGroupCounters;
  group: Scalars['String']['output'];
  oldestPendingAgeMs: Maybe<Scalars['Float']['output']>;
  /** Delivered, not yet acknowledged (running, waiting for a retry, or held behind a failing event of the same subject). */
  pending: Scalars['Int']['output'];
};

/** One client (and client version) using a coordinate. */
export type CoordinateClientUsage = {
  __typename?: 'CoordinateClientUsage';
  clientId: Scalars['String']['output'];
  clientKind: Scalars['String']['output'];
  clientVersion: Maybe<Scalars['String']['output']>;
  count: Scalars['Int']['output'];
  lastSeen: Scalars['String']['output'];
};

/** One operation (by document hash) of one client using a coordinate. */
export type CoordinateOperationUsage = {
  __typename?: 'CoordinateOperationUsage';
  clientId: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  hash: Scalars['String']['output'];
  lastSeen: Scalars['String']['output'];
  name: Maybe<Scalars['String']['output']>;
};

/** The usage of one schema coordinate (docs/governance.md). */
export type CoordinateUsage = {
  __typename?: 'CoordinateUsage';
  clients: Array<CoordinateClientUsage>;
  coordinate: Scalars['String']['output'];
  /** Calls of operations touching it. */
  count: Scalars['Int']['output'];
  /** ISO time of the latest such call; null when unused. */
  lastSeen: Maybe<Scalars['String']['output']>;
  operations: Array<CoordinateOperationUsage>;
};

export type DeadLetter = {
  __typename?: 'DeadLetter';
  attempts: Array<DeadLetterAttempt>;
  deadLetteredAt: Scalars['String']['output'];
  /** The original envelope JSON, exactly as stored. */
  envelope: Scalars['String']['output'];
  eventId: Maybe<Scalars['String']['output']>;
  eventType: Maybe<Scalars['String']['output']>;
  group: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  originEntryId: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  stream: Scalars['String']['output'];
  subject: Maybe<Scalars['String']['output']>;
};

export type DeadLetterAttempt = {
  __typename?: 'DeadLetterAttempt';
  at: Scalars['String']['output'];
  error: Scalars['String']['output'];
};

export type DeadLetterConnection = {
  __typename?: 'DeadLetterConnection';
  edges: Array<DeadLetterEdge>;
  nodes: Array<DeadLetter>;
  pageInfo: DeadLetterPageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DeadLetterEdge = {
  __typename?: 'DeadLetterEdge';
  cursor: Scalars['String']['output'];
  node: DeadLetter;
};

export type DeadLetterPageInfo = {
  __typename?: 'DeadLetterPageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** Counters are totals since the stream was first used (Float: they can outgrow 32-bit Int). */
export type EventCounters = {
  __typename?: 'EventCounters';
  deadLettered: Scalars['Float']['output'];
  duplicate: Scalars['Float']['output'];
  processed: Scalars['Float']['output'];
  published: Scalars['Float']['output'];
  replayed: Scalars['Float']['output'];
  retried: Scalars['Float']['output'];
  skipped: Scalars['Float']['output'];
  stale: Scalars['Float']['output'];
};

/** A work item for an operator: one per (kind, subject) while it is not resolved; repeats count as occurrences. */
export type Exception = {
  __typename?: 'Exception';
  acknowledgedAt: Maybe<Scalars['String']['output']>;
  /** Seconds from openedAt to resolvedAt, or to now while it is not resolved. */
  ageSeconds: Scalars['Float']['output'];
  assignee: Maybe<Scalars['String']['output']>;
  /** The event's stream entry id when delivered by exceptionRaised (pass it as `after`); null elsewhere. */
  cursor: Maybe<Scalars['String']['output']>;
  detail: Maybe<Scalars['String']['output']>;
  /** The id of the event that delivered it through exceptionRaised; null elsewhere. */
  eventId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: ExceptionKind;
  /** When the cause was last seen. */
  lastSeenAt: Scalars['String']['output'];
  /** Oldest first. */
  notes: Array<ExceptionNote>;
  /** How often the cause was seen while this exception was open (retries of one failure count once). */
  occurrences: Scalars['Int']['output'];
  openedAt: Scalars['String']['output'];
  resolvedAt: Maybe<Scalars['String']['output']>;
  /** Who or what resolved it: `auto: <why>` or the operator's client id. */
  resolvedBy: Maybe<Scalars['String']['output']>;
  severity: ExceptionSeverity;
  status: ExceptionStatus;
  /** The id of what it is about (an order id, shipment id, SKU, adapter name or stream). */
  subject: Scalars['String']['output'];
  /** ORDER | SHIPMENT | PRODUCT | ADAPTER | STREAM */
  subjectType: Scalars['String']['output'];
  summary: Scalars['String']['output'];
};

export type ExceptionConnection = {
  __typename?: 'ExceptionConnection';
  nodes: Array<Exception>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExceptionFilter = {
  kind?: InputMaybe<Array<ExceptionKind>>;
  /** ISO time: only exceptions opened before it. */
  olderThan?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<ExceptionStatus>>;
  subject?: InputMaybe<Scalars['String']['input']>;
};

/** What went wrong. Each kind is raised by one cause and resolved automatically when that cause clears. */
export type ExceptionKind =
  /** An order (or part of it) is backordered; resolved when it is allocated. */
  | 'BACKORDER'
  /** A carrier reported an EXCEPTION milestone; resolved when the shipment moves on. */
  | 'CARRIER_EXCEPTION'
  /** An event went to dead letters; resolved when it is replayed and processed. */
  | 'DEAD_LETTER'
  /** An ERP posting (sales order, shipment, financial) failed; resolved when the posting drains. */
  | 'ERP_POSTING_FAILED'
  /** An inventory update to or from a channel/WMS failed; resolved when a later update succeeds. */
  | 'INVENTORY_UPDATE_FAILED'
  /** A shipment is past its channel's ship-by SLA; resolved when it ships. */
  | 'LATE_SHIPMENT'
  /** An inbound write was refused by the mastering rules; resolved by an operator. */
  | 'MASTERING_CONFLICT'
  /** ERP on-hand reconciliation found drift; resolved when a reconciliation finds none. */
  | 'RECONCILIATION_DRIFT'
  /** An order stayed PENDING_VALIDATION too long (degraded mode); resolved when it moves on. */
  | 'STUCK_PENDING_VALIDATION';

export type ExceptionNote = {
  __typename?: 'ExceptionNote';
  at: Scalars['String']['output'];
  author: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type ExceptionRaisedInput = {
  cursor: Scalars['String']['input'];
  eventId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};

export type ExceptionSeverity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

/** OPEN → ACKNOWLEDGED → RESOLVED; a resolved exception whose cause returns is opened again. */
export type ExceptionStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type Mutation = {
  __typename?: 'Mutation';
  /** OPEN → ACKNOWLEDGED, with an optional note. Acknowledging a RESOLVED exception is a CONFLICT naming the state. */
  acknowledgeException: Exception;
  /** Sets who owns the exception (any state but RESOLVED). */
  assignException: Exception;
  /** Sends dead letters back to the consumer group that failed them (only that group sees them). Operators only. */
  replayDeadLetters: ReplayResult;
  /** Re-delivers a range (entry ids or ISO times, inclusive; to defaults to now) to one consumer group. Operators only. */
  replayStream: ReplayResult;
  /** Closes the exception by hand, with an optional note. Resolving a RESOLVED exception is a CONFLICT naming the state. */
  resolveException: Exception;
};


export type MutationAcknowledgeExceptionArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationAssignExceptionArgs = {
  assignee: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


export type MutationReplayDeadLettersArgs = {
  ids: Array<Scalars['ID']['input']>;
  stream: Scalars['String']['input'];
};


export type MutationReplayStreamArgs = {
  from: Scalars['String']['input'];
  group: Scalars['String']['input'];
  stream: Scalars['String']['input'];
  to?: InputMaybe<Scalars['String']['input']>;
};


export type MutationResolveExceptionArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type Order = {
  __typename?: 'Order';
  /** Exceptions about this order, newest first (any status). Operators only. Null while operations cannot be reached. */
  exceptions: Maybe<Array<Exception>>;
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Product = {
  __typename?: 'Product';
  /** Exceptions about this product, newest first (any status). Operators only. Null while operations cannot be reached. */
  exceptions: Maybe<Array<Exception>>;
  sku: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Per adapter and direction: last success, last failure, failures in the last hour and backlog. Operators only. */
  adapterHealth: Array<AdapterHealth>;
  /** What one client ran since `since` (default 30 days ago); an unknown client has no operations. Operators only. */
  clientUsage: ClientUsage;
  /** Dead letters of a stream, newest first. Operators only. */
  deadLetters: DeadLetterConnection;
  /** One exception by id; an unknown id is null with a NOT_FOUND error. Operators only. */
  exception: Maybe<Exception>;
  /** Hydration of Subscription.exceptionRaised: the exception an event names, with the event's cursor (gateway only). */
  exceptionRaisedPayload: Maybe<Exception>;
  /** Exceptions, oldest opened first, filtered, with cursor pagination (`first` 1..100). Operators only. */
  exceptions: ExceptionConnection;
  /** Every event stream with its length, dead letters, counters and each consumer group's backlog. Operators only. */
  integrationHealth: Array<StreamHealth>;
  /**
   * Who uses a schema coordinate (`Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`), from the usage the
   * gateways record; `since` is an ISO time, default 30 days ago. An unused coordinate has a zero count. Operators only.
   */
  schemaUsage: CoordinateUsage;
};


export type QueryClientUsageArgs = {
  clientId: Scalars['String']['input'];
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDeadLettersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  stream: Scalars['String']['input'];
};


export type QueryExceptionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExceptionRaisedPayloadArgs = {
  event: ExceptionRaisedInput;
};


export type QueryExceptionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ExceptionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySchemaUsageArgs = {
  coordinate: Scalars['String']['input'];
  since?: InputMaybe<Scalars['String']['input']>;
};

export type ReplayResult = {
  __typename?: 'ReplayResult';
  groups: Array<Scalars['String']['output']>;
  /** Requested dead-letter ids that were not found. */
  missing: Array<Scalars['ID']['output']>;
  replayed: Scalars['Int']['output'];
  stream: Scalars['String']['output'];
};

export type Shipment = {
  __typename?: 'Shipment';
  /** Exceptions about this shipment, newest first (any status). Operators only. Null while operations cannot be reached. */
  exceptions: Maybe<Array<Exception>>;
  id: Scalars['ID']['output'];
};

export type StreamHealth = {
  __typename?: 'StreamHealth';
  counters: EventCounters;
  deadLetters: Scalars['Int']['output'];
  groups: Array<ConsumerGroupHealth>;
  lastEventTime: Maybe<Scalars['String']['output']>;
  length: Scalars['Int']['output'];
  stream: Scalars['String']['output'];
};

/** Live exceptions; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type Subscription = {
  __typename?: 'Subscription';
  /** Each exception as it is opened (or re-opened after it was resolved), optionally only of some kinds. */
  exceptionRaised: Exception;
};


/** Live exceptions; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type SubscriptionExceptionRaisedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<Array<ExceptionKind>>;
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
  Exception: Exception;
  Order: Order;
  Product: Product;
  Shipment: Shipment;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Exception:
    ( { __typename: 'Exception' }
    & GraphQLRecursivePick<FederationTypes['Exception'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"sku":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AdapterHealth: ResolverTypeWrapper<AdapterHealth>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ClientCoordinateUsage: ResolverTypeWrapper<ClientCoordinateUsage>;
  ClientOperationUsage: ResolverTypeWrapper<ClientOperationUsage>;
  ClientUsage: ResolverTypeWrapper<ClientUsage>;
  ConsumerGroupCounters: ResolverTypeWrapper<ConsumerGroupCounters>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ConsumerGroupHealth: ResolverTypeWrapper<ConsumerGroupHealth>;
  CoordinateClientUsage: ResolverTypeWrapper<CoordinateClientUsage>;
  CoordinateOperationUsage: ResolverTypeWrapper<CoordinateOperationUsage>;
  CoordinateUsage: ResolverTypeWrapper<CoordinateUsage>;
  DeadLetter: ResolverTypeWrapper<DeadLetter>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeadLetterAttempt: ResolverTypeWrapper<DeadLetterAttempt>;
  DeadLetterConnection: ResolverTypeWrapper<DeadLetterConnection>;
  DeadLetterEdge: ResolverTypeWrapper<DeadLetterEdge>;
  DeadLetterPageInfo: ResolverTypeWrapper<DeadLetterPageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  EventCounters: ResolverTypeWrapper<EventCounters>;
  Exception: ResolverTypeWrapper<Exception>;
  ExceptionConnection: ResolverTypeWrapper<ExceptionConnection>;
  ExceptionFilter: ExceptionFilter;
  ExceptionKind: ExceptionKind;
  ExceptionNote: ResolverTypeWrapper<ExceptionNote>;
  ExceptionRaisedInput: ExceptionRaisedInput;
  ExceptionSeverity: ExceptionSeverity;
  ExceptionStatus: ExceptionStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<Order>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReplayResult: ResolverTypeWrapper<ReplayResult>;
  Shipment: ResolverTypeWrapper<Shipment>;
  StreamHealth: ResolverTypeWrapper<StreamHealth>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AdapterHealth: AdapterHealth;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ClientCoordinateUsage: ClientCoordinateUsage;
  ClientOperationUsage: ClientOperationUsage;
  ClientUsage: ClientUsage;
  ConsumerGroupCounters: ConsumerGroupCounters;
  Float: Scalars['Float']['output'];
  ConsumerGroupHealth: ConsumerGroupHealth;
  CoordinateClientUsage: CoordinateClientUsage;
  CoordinateOperationUsage: CoordinateOperationUsage;
  CoordinateUsage: CoordinateUsage;
  DeadLetter: DeadLetter;
  ID: Scalars['ID']['output'];
  DeadLetterAttempt: DeadLetterAttempt;
  DeadLetterConnection: DeadLetterConnection;
  DeadLetterEdge: DeadLetterEdge;
  DeadLetterPageInfo: DeadLetterPageInfo;
  Boolean: Scalars['Boolean']['output'];
  EventCounters: EventCounters;
  Exception: Exception | FederationReferenceTypes['Exception'];
  ExceptionConnection: ExceptionConnection;
  ExceptionFilter: ExceptionFilter;
  ExceptionNote: ExceptionNote;
  ExceptionRaisedInput: ExceptionRaisedInput;
  Mutation: Record<PropertyKey, never>;
  Order: Order | FederationReferenceTypes['Order'];
  PageInfo: PageInfo;
  Product: Product | FederationReferenceTypes['Product'];
  Query: Record<PropertyKey, never>;
  ReplayResult: ReplayResult;
  Shipment: Shipment | FederationReferenceTypes['Shipment'];
  StreamHealth: StreamHealth;
  Subscription: Record<PropertyKey, never>;
};

export type AdapterHealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AdapterHealth'] = ResolversParentTypes['AdapterHealth']> = {
  adapter?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  backlog?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failuresLastHour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastFailureAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ClientCoordinateUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ClientCoordinateUsage'] = ResolversParentTypes['ClientCoordinateUsage']> = {
  coordinate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ClientOperationUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ClientOperationUsage'] = ResolversParentTypes['ClientOperationUsage']> = {
  clientVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastSeen?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ClientUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ClientUsage'] = ResolversParentTypes['ClientUsage']> = {
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  coordinates?: Resolver<Array<ResolversTypes['ClientCoordinateUsage']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['ClientOperationUsage']>, ParentType, ContextType>;
};

export type ConsumerGroupCountersResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ConsumerGroupCounters'] = ResolversParentTypes['ConsumerGroupCounters']> = {
  deadLettered?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  retried?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ConsumerGroupHealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ConsumerGroupHealth'] = ResolversParentTypes['ConsumerGroupHealth']> = {
  backlog?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  consumers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  counters?: Resolver<ResolversTypes['ConsumerGroupCounters'], ParentType, ContextType>;
  group?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oldestPendingAgeMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CoordinateClientUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoordinateClientUsage'] = ResolversParentTypes['CoordinateClientUsage']> = {
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientKind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastSeen?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CoordinateOperationUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoordinateOperationUsage'] = ResolversParentTypes['CoordinateOperationUsage']> = {
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastSeen?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CoordinateUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoordinateUsage'] = ResolversParentTypes['CoordinateUsage']> = {
  clients?: Resolver<Array<ResolversTypes['CoordinateClientUsage']>, ParentType, ContextType>;
  coordinate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastSeen?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['CoordinateOperationUsage']>, ParentType, ContextType>;
};

export type DeadLetterResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetter'] = ResolversParentTypes['DeadLetter']> = {
  attempts?: Resolver<Array<ResolversTypes['DeadLetterAttempt']>, ParentType, ContextType>;
  deadLetteredAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  envelope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  group?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  originEntryId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DeadLetterAttemptResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetterAttempt'] = ResolversParentTypes['DeadLetterAttempt']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DeadLetterConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetterConnection'] = ResolversParentTypes['DeadLetterConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DeadLetterEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['DeadLetter']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['DeadLetterPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DeadLetterEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetterEdge'] = ResolversParentTypes['DeadLetterEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DeadLetter'], ParentType, ContextType>;
};

export type DeadLetterPageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetterPageInfo'] = ResolversParentTypes['DeadLetterPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type EventCountersResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EventCounters'] = ResolversParentTypes['EventCounters']> = {
  deadLettered?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  published?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  retried?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ExceptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Exception'] = ResolversParentTypes['Exception'], FederationReferenceType extends FederationReferenceTypes['Exception'] = FederationReferenceTypes['Exception']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Exception']> | FederationReferenceType, FederationReferenceType, ContextType>;
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ageSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ExceptionKind'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['ExceptionNote']>, ParentType, ContextType>;
  occurrences?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolvedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['ExceptionSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExceptionStatus'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subjectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ExceptionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExceptionConnection'] = ResolversParentTypes['ExceptionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Exception']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExceptionNoteResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExceptionNote'] = ResolversParentTypes['ExceptionNote']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acknowledgeException?: Resolver<ResolversTypes['Exception'], ParentType, ContextType, RequireFields<MutationAcknowledgeExceptionArgs, 'id'>>;
  assignException?: Resolver<ResolversTypes['Exception'], ParentType, ContextType, RequireFields<MutationAssignExceptionArgs, 'assignee' | 'id'>>;
  replayDeadLetters?: Resolver<ResolversTypes['ReplayResult'], ParentType, ContextType, RequireFields<MutationReplayDeadLettersArgs, 'ids' | 'stream'>>;
  replayStream?: Resolver<ResolversTypes['ReplayResult'], ParentType, ContextType, RequireFields<MutationReplayStreamArgs, 'from' | 'group' | 'stream'>>;
  resolveException?: Resolver<ResolversTypes['Exception'], ParentType, ContextType, RequireFields<MutationResolveExceptionArgs, 'id'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  exceptions?: Resolver<Maybe<Array<ResolversTypes['Exception']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  exceptions?: Resolver<Maybe<Array<ResolversTypes['Exception']>>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  adapterHealth?: Resolver<Array<ResolversTypes['AdapterHealth']>, ParentType, ContextType>;
  clientUsage?: Resolver<ResolversTypes['ClientUsage'], ParentType, ContextType, RequireFields<QueryClientUsageArgs, 'clientId'>>;
  deadLetters?: Resolver<ResolversTypes['DeadLetterConnection'], ParentType, ContextType, RequireFields<QueryDeadLettersArgs, 'first' | 'stream'>>;
  exception?: Resolver<Maybe<ResolversTypes['Exception']>, ParentType, ContextType, RequireFields<QueryExceptionArgs, 'id'>>;
  exceptionRaisedPayload?: Resolver<Maybe<ResolversTypes['Exception']>, ParentType, ContextType, RequireFields<QueryExceptionRaisedPayloadArgs, 'event'>>;
  exceptions?: Resolver<ResolversTypes['ExceptionConnection'], ParentType, ContextType, RequireFields<QueryExceptionsArgs, 'first'>>;
  integrationHealth?: Resolver<Array<ResolversTypes['StreamHealth']>, ParentType, ContextType>;
  schemaUsage?: Resolver<ResolversTypes['CoordinateUsage'], ParentType, ContextType, RequireFields<QuerySchemaUsageArgs, 'coordinate'>>;
};

export type ReplayResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReplayResult'] = ResolversParentTypes['ReplayResult']> = {
  groups?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  missing?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ShipmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  exceptions?: Resolver<Maybe<Array<ResolversTypes['Exception']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type StreamHealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StreamHealth'] = ResolversParentTypes['StreamHealth']> = {
  counters?: Resolver<ResolversTypes['EventCounters'], ParentType, ContextType>;
  deadLetters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['ConsumerGroupHealth']>, ParentType, ContextType>;
  lastEventTime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  exceptionRaised?: SubscriptionResolver<ResolversTypes['Exception'], "exceptionRaised", ParentType, ContextType, Partial<SubscriptionExceptionRaisedArgs>>;
};

export type Resolvers<ContextType = Context> = {
  AdapterHealth?: AdapterHealthResolvers<ContextType>;
  ClientCoordinateUsage?: ClientCoordinateUsageResolvers<ContextType>;
  ClientOperationUsage?: ClientOperationUsageResolvers<ContextType>;
  ClientUsage?: ClientUsageResolvers<ContextType>;
  ConsumerGroupCounters?: ConsumerGroupCountersResolvers<ContextType>;
  ConsumerGroupHealth?: ConsumerGroupHealthResolvers<ContextType>;
  CoordinateClientUsage?: CoordinateClientUsageResolvers<ContextType>;
  CoordinateOperationUsage?: CoordinateOperationUsageResolvers<ContextType>;
  CoordinateUsage?: CoordinateUsageResolvers<ContextType>;
  DeadLetter?: DeadLetterResolvers<ContextType>;
  DeadLetterAttempt?: DeadLetterAttemptResolvers<ContextType>;
  DeadLetterConnection?: DeadLetterConnectionResolvers<ContextType>;
  DeadLetterEdge?: DeadLetterEdgeResolvers<ContextType>;
  DeadLetterPageInfo?: DeadLetterPageInfoResolvers<ContextType>;
  EventCounters?: EventCountersResolvers<ContextType>;
  Exception?: ExceptionResolvers<ContextType>;
  ExceptionConnection?: ExceptionConnectionResolvers<ContextType>;
  ExceptionNote?: ExceptionNoteResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReplayResult?: ReplayResultResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  StreamHealth?: StreamHealthResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

