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

export type Mutation = {
  __typename?: 'Mutation';
  /** Sends dead letters back to the consumer group that failed them (only that group sees them). Operators only. */
  replayDeadLetters: ReplayResult;
  /** Re-delivers a range (entry ids or ISO times, inclusive; to defaults to now) to one consumer group. Operators only. */
  replayStream: ReplayResult;
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

export type Query = {
  __typename?: 'Query';
  /** Dead letters of a stream, newest first. Operators only. */
  deadLetters: DeadLetterConnection;
  /** Every event stream with its length, dead letters, counters and each consumer group's backlog. Operators only. */
  integrationHealth: Array<StreamHealth>;
};


export type QueryDeadLettersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  stream: Scalars['String']['input'];
};

export type ReplayResult = {
  __typename?: 'ReplayResult';
  groups: Array<Scalars['String']['output']>;
  /** Requested dead-letter ids that were not found. */
  missing: Array<Scalars['ID']['output']>;
  replayed: Scalars['Int']['output'];
  stream: Scalars['String']['output'];
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



export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ConsumerGroupCounters: ResolverTypeWrapper<ConsumerGroupCounters>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ConsumerGroupHealth: ResolverTypeWrapper<ConsumerGroupHealth>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DeadLetter: ResolverTypeWrapper<DeadLetter>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeadLetterAttempt: ResolverTypeWrapper<DeadLetterAttempt>;
  DeadLetterConnection: ResolverTypeWrapper<DeadLetterConnection>;
  DeadLetterEdge: ResolverTypeWrapper<DeadLetterEdge>;
  DeadLetterPageInfo: ResolverTypeWrapper<DeadLetterPageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  EventCounters: ResolverTypeWrapper<EventCounters>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReplayResult: ResolverTypeWrapper<ReplayResult>;
  StreamHealth: ResolverTypeWrapper<StreamHealth>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ConsumerGroupCounters: ConsumerGroupCounters;
  Float: Scalars['Float']['output'];
  ConsumerGroupHealth: ConsumerGroupHealth;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  DeadLetter: DeadLetter;
  ID: Scalars['ID']['output'];
  DeadLetterAttempt: DeadLetterAttempt;
  DeadLetterConnection: DeadLetterConnection;
  DeadLetterEdge: DeadLetterEdge;
  DeadLetterPageInfo: DeadLetterPageInfo;
  Boolean: Scalars['Boolean']['output'];
  EventCounters: EventCounters;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  ReplayResult: ReplayResult;
  StreamHealth: StreamHealth;
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

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  replayDeadLetters?: Resolver<ResolversTypes['ReplayResult'], ParentType, ContextType, RequireFields<MutationReplayDeadLettersArgs, 'ids' | 'stream'>>;
  replayStream?: Resolver<ResolversTypes['ReplayResult'], ParentType, ContextType, RequireFields<MutationReplayStreamArgs, 'from' | 'group' | 'stream'>>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  deadLetters?: Resolver<ResolversTypes['DeadLetterConnection'], ParentType, ContextType, RequireFields<QueryDeadLettersArgs, 'first' | 'stream'>>;
  integrationHealth?: Resolver<Array<ResolversTypes['StreamHealth']>, ParentType, ContextType>;
};

export type ReplayResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReplayResult'] = ResolversParentTypes['ReplayResult']> = {
  groups?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  missing?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StreamHealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StreamHealth'] = ResolversParentTypes['StreamHealth']> = {
  counters?: Resolver<ResolversTypes['EventCounters'], ParentType, ContextType>;
  deadLetters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['ConsumerGroupHealth']>, ParentType, ContextType>;
  lastEventTime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  ConsumerGroupCounters?: ConsumerGroupCountersResolvers<ContextType>;
  ConsumerGroupHealth?: ConsumerGroupHealthResolvers<ContextType>;
  DeadLetter?: DeadLetterResolvers<ContextType>;
  DeadLetterAttempt?: DeadLetterAttemptResolvers<ContextType>;
  DeadLetterConnection?: DeadLetterConnectionResolvers<ContextType>;
  DeadLetterEdge?: DeadLetterEdgeResolvers<ContextType>;
  DeadLetterPageInfo?: DeadLetterPageInfoResolvers<ContextType>;
  EventCounters?: EventCountersResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReplayResult?: ReplayResultResolvers<ContextType>;
  StreamHealth?: StreamHealthResolvers<ContextType>;
};

