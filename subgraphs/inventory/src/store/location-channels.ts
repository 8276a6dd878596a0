import type { Collection } from '@fulfillment-mesh/runtime';
import { channelsAt, type Channel, type ChannelConfig } from '../domain/index.js';
import type { LocationDoc } from './models.js';

/**
 * The channels that may ship from each location, for the ledger events. Read once per location and kept: a
 * location's kind does not change, and the channel rules are fixed at start-up. An unknown location (none yet)
 * has no channels and is read again next time.
 */
export function createLocationChannels(locations: Collection<LocationDoc>, config: ChannelConfig) {
  const known = new Map<string, Promise<readonly Channel[]>>();
  return (locationId: string): Promise<readonly Channel[]> => {
    const cached = known.get(locationId);
    if (cached) return cached;
    const read = locations.findOne({ _id: locationId }).then((doc) => {
      if (!doc) known.delete(locationId);
      return doc ? channelsAt(config, doc) : [];
    });
    known.set(locationId, read);
    read.catch(() => known.delete(locationId));
    return read;
  };
}
