import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { serveFixtureSubgraphs, type FixtureCounters } from '../../gateway/test/support/subgraphs.js';

/**
 * The fixture subgraphs the gateway hydrates from, in a process of their own so that the gateway process's CPU
 * and memory figures are the gateway's alone. Sends `ready` with their URLs and the composed supergraph; exits on
 * `stop`.
 */
if (!process.send) throw new Error('start me from bench/subscriptions/run.ts (needs an IPC channel)');

const counters: FixtureCounters = { stockEcho: 0, parcelEcho: 0, catalogEntities: 0 };
const served = await serveFixtureSubgraphs(counters);
const composed = composeServices(served.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  void Promise.all(served.map((s) => s.service.close())).then(() => process.exit(0));
});
process.send({
  type: 'ready',
  subgraphs: served.map(({ name, url }) => ({ name, url })),
  supergraphSdl: composed.supergraphSdl,
  counters,
});
