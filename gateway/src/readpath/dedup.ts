import type { SubgraphResponse as GatewayGraphQLResponse } from './types.js';

/** Counters of {@link createInFlightDedup}, for /metrics and the operators' cache stats. */
export interface DedupStats {
  /** Fetches that went to a subgraph as the first of their key. */
  leaders: number;
  /** Fetches that waited for an identical one already in flight instead of sending their own. */
  joined: number;
  /** Fetches in flight right now. */
  inFlight: number;
}

/** Shares identical subgraph query fetches that are in flight at the same moment. */
export interface InFlightDedup {
  /**
   * Runs `send` unless a fetch with the same key is in flight and began after the last invalidation (`epoch`),
   * in which case it waits for that one. Every caller gets its own copy of the response: the gateway merges
   * later fetches into the objects it receives, so a shared object would mix two requests' results.
   */
  run(key: string, epoch: number, send: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse>;
  stats(): DedupStats;
}

interface Flight {
  epoch: number;
  joiners: number;
  /** The response as JSON, written before any caller's continuation runs, and only when someone joined. */
  text?: string;
  promise: Promise<GatewayGraphQLResponse>;
}

/**
 * In-flight deduplication (as Hive Gateway does it): the key must already say who is asking (identity and
 * scopes) and what (subgraph, document, variables); the caller decides which fetches may share (never mutations).
 */
export function createInFlightDedup(): InFlightDedup {
  const flights = new Map<string, Flight>();
  const counters = { leaders: 0, joined: 0 };
  return {
    async run(key, epoch, send) {
      const current = flights.get(key);
      if (current && current.epoch === epoch) {
        current.joiners++;
        counters.joined++;
        await current.promise;
        const { http: _http, ...copy } = JSON.parse(current.text!) as GatewayGraphQLResponse;
        return copy;
      }
      counters.leaders++;
      const flight: Flight = { epoch, joiners: 0, promise: Promise.resolve() as never };
      // This reaction is registered before any caller awaits, so it runs first: the JSON copy exists before the
      // leader's gateway mutates the response it got back.
      flight.promise = send().then(
        (response) => {
          if (flights.get(key) === flight) flights.delete(key);
          if (flight.joiners > 0) flight.text = JSON.stringify({ ...response, http: undefined });
          return response;
        },
        (error: unknown) => {
          if (flights.get(key) === flight) flights.delete(key);
          throw error;
        },
      );
      flights.set(key, flight);
      return flight.promise;
    },
    stats: () => ({ ...counters, inFlight: flights.size }),
  };
}
