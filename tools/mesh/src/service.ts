import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { loadManifest } from '@fulfillment-mesh/runtime';
import { servicesOf } from './topology.js';

/**
 * `node tools/mesh/dist/service.js <name>`: runs one service of the production topology in this process (the
 * container image's entry point: one image, the service chosen by its argument). `<name>` is a subgraph, `gateway`,
 * or `seed` (seeds empty stores once and exits; `seed --reset` wipes and reseeds).
 */
const manifest = loadManifest(process.env);
const services = servicesOf(manifest);
const name = process.argv[2] ?? process.env.FM_SERVICE;
const names = [...services.map((s) => s.name), 'seed'];
if (!name || !names.includes(name)) {
  console.error(
    `usage: service.js <${names.join('|')}> (got ${name === undefined ? 'nothing' : JSON.stringify(name)})`,
  );
  process.exit(2);
}
if (name === 'seed') {
  await import('./seed.js');
} else {
  const entry = services.find((s) => s.name === name)!.entry;
  const module = (await import(pathToFileURL(join(manifest.root, entry)).href)) as {
    main(env?: NodeJS.ProcessEnv): Promise<unknown>;
  };
  await module.main(process.env);
}
