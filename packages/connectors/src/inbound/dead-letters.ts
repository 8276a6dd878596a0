import { newOutbox, withEvents } from '@fulfillment-mesh/events';
import { timeOrderedId } from '../ids.js';
import { inboundOutcome, type InboundOutcomeData } from './outcome-events.js';
import {
  notFound,
  pageRequest,
  toConnection,
  type Collection,
  type Connection,
  type Doc,
  type Filter,
} from '@fulfillment-mesh/runtime';
import type { HeaderBag } from '../signatures/hmac.js';

/**
 * Where in the inbound pipeline a document failed; `dedupe`: its id was applied before with other content.
 */
export type InboundStage = 'parse' | 'map' | 'dedupe' | 'apply';

/** A raw inbound document that could not be applied, kept until it is re-driven (collection `inbound_dead_letters`). */
export interface InboundDeadLetter extends Doc {
  connector: string;
  /** The source's document id when it could be read (not for unparseable documents). */
  documentId: string | null;
  stage: InboundStage;
  reason: string;
  /** The exact bytes received: UTF-8 text when they are valid UTF-8, else base64. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  /** Request headers, minus credentials. */
  headers: Record<string, string>;
  receivedAt: string;
  status: 'open' | 'resolved';
  /** How it was resolved: re-driven, or superseded by a later delivery of the same document. */
  resolution?: string;
  resolvedAt?: string;
  /** Every failed attempt, the first included. */
  attempts: { at: string; stage: InboundStage; reason: string }[];
}

/** Filters of {@link InboundDeadLetters.list}. */
export interface InboundDeadLetterQuery {
  connector?: string;
  status?: 'open' | 'resolved';
}

/** The dead letters of inbound connectors. */
export interface InboundDeadLetters {
  add(input: {
    connector: string;
    documentId: string | null;
    stage: InboundStage;
    reason: string;
    raw: Buffer;
    headers: HeaderBag;
  }): Promise<InboundDeadLetter>;
  /** Throws NOT_FOUND for an unknown id. */
  get(id: string): Promise<InboundDeadLetter>;
  /** Records one more failed attempt (a re-drive or a re-delivery that failed again). */
  failedAgain(id: string, stage: InboundStage, reason: string): Promise<void>;
  resolve(id: string, resolution: string): Promise<void>;
  count(query?: InboundDeadLetterQuery): Promise<number>;
  /** Newest first. */
  list(
    query?: InboundDeadLetterQuery & { first?: number | null; after?: string | null },
  ): Promise<Connection<InboundDeadLetter>>;
}

/** Dependencies of {@link createInboundDeadLetters}. */
export interface InboundDeadLettersDeps {
  /** Usually `store.collection('inbound_dead_letters')`. */
  collection: Collection<InboundDeadLetter>;
  clock?: () => Date;
  /** When set, each change appends `<domain>.inbound.outcome` to the dead letter's outbox. */
  domain?: string;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Creates the dead-letter store. */
export function createInboundDeadLetters(deps: InboundDeadLettersDeps): InboundDeadLetters {
  const { collection } = deps;
  const clock = deps.clock ?? (() => new Date());
  const events = (data: InboundOutcomeData) => (deps.domain ? [inboundOutcome(deps.domain, data)] : []);
  const filterOf = (q: InboundDeadLetterQuery): Filter => ({
    ...(q.connector ? { connector: q.connector } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
  return {
    async add(input) {
      const at = clock().toISOString();
      const text = input.raw.toString('utf8');
      const utf8 = Buffer.from(text, 'utf8').equals(input.raw);
      const doc: InboundDeadLetter = {
        _id: timeOrderedId(at),
        connector: input.connector,
        documentId: input.documentId,
        stage: input.stage,
        reason: input.reason,
        body: utf8 ? text : input.raw.toString('base64'),
        bodyEncoding: utf8 ? 'utf8' : 'base64',
        headers: keptHeaders(input.headers),
        receivedAt: at,
        status: 'open',
        attempts: [{ at, stage: input.stage, reason: input.reason }],
      };
      const outbox = events({
        connector: doc.connector,
        outcome: 'dead-lettered',
        documentId: doc.documentId,
        deadLetterId: doc._id,
        reason: doc.reason,
        at,
      });
      await collection.insertOne({ ...doc, ...newOutbox(outbox) } as InboundDeadLetter);
      return doc;
    },
    async get(id) {
      const doc = await collection.findOne({ _id: id });
      if (!doc) throw notFound('InboundDeadLetter', id);
      return doc;
    },
    async failedAgain(id, stage, reason) {
      const at = clock().toISOString();
      const letter = deps.domain ? await collection.findOne({ _id: id }) : null;
      const update = { $set: { stage, reason, status: 'open' }, $push: { attempts: { at, stage, reason } } };
      const outcome = letter
        ? events({
            connector: letter.connector,
            outcome: 'failed-again',
            documentId: letter.documentId,
            deadLetterId: id,
            reason,
            at,
          })
        : [];
      await collection.updateOne({ _id: id }, withEvents(update, outcome));
    },
    async resolve(id, resolution) {
      const at = clock().toISOString();
      const letter = deps.domain ? await collection.findOne({ _id: id }) : null;
      const update = { $set: { status: 'resolved', resolution, resolvedAt: at } };
      // Only an open letter's resolution changes the backlog (resolving twice announces nothing).
      const outcome =
        letter && letter.status === 'open'
          ? events({
              connector: letter.connector,
              outcome: 'resolved',
              documentId: letter.documentId,
              deadLetterId: id,
              reason: resolution,
              at,
            })
          : [];
      await collection.updateOne({ _id: id }, withEvents(update, outcome));
    },
    count: (query = {}) => collection.countDocuments(filterOf(query)),
    async list(query = {}) {
      const page = pageRequest(query, { defaultFirst: 20, maxFirst: 200 });
      const filter = filterOf(query);
      if (page.after) filter._id = { $lt: page.after };
      const rows = await collection.find(filter, { sort: { _id: -1 }, limit: page.first + 1 });
      return toConnection(rows, page.first, (row) => row._id);
    },
  };
}

/** The stored body as the bytes originally received. */
export function deadLetterBody(letter: Pick<InboundDeadLetter, 'body' | 'bodyEncoding'>): Buffer {
  return Buffer.from(letter.body, letter.bodyEncoding);
}

function keptHeaders(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || CREDENTIAL_HEADERS.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
