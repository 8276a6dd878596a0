import type { Collection } from '@fulfillment-mesh/runtime';
import { channelsAt, type Channel, type ChannelConfig } from '../domain/index.js';
import type { LocationDoc } from './models.js';

/** The channels that may ship from each location, kept in memory for the ledger events. */
export interface LocationChannels {
  /** The channels of `locationId`; a location not seen yet is read once (none when it does not exist yet). */
  of(locationId: string): Promise<readonly Channel[]>;
  /** Reads every location in one query (at start), so that writes need no extra read. */
  warm(): Promise<void>;
}

/**
 * Creates the cache. A location's kind does not change and the channel rules are fixed at start-up, so what is
 * read is kept; an unknown location is read again next time.
 */
export function createLocationChannels(locations: Collection<LocationDoc>, config: ChannelConfig): LocationChannels {
  const known = new Map<string, readonly Channel[]>();
  return {
    async of(locationId) {
      const cached = known.get(locationId);
      if (cached) return cached;
      const doc = await locations.findOne({ _id: locationId });
      if (!doc) return [];
      const channels = channelsAt(config, doc);
      known.set(locationId, channels);
      return channels;
    },
    async warm() {
      for (const doc of await locations.find({})) known.set(doc._id, channelsAt(config, doc));
    },
  };
}
