import { createKitSubgraph, runSubgraph, subgraphDescriptor, vendorPortOf, type KitSubgraphOptions } from '@enplan/lib';

/**
 * `node tools/dist/kitDepartment.js <name>`: a department served by the kit (its folder holds a
 * department.json) as its own process, like a hand-written department's `dist/index.js`. The system
 * behind it: VENDOR_URL (default the demo's stand-in, `tools/dist/vendor.js`), VENDOR_TIMEOUT_MS.
 */
// KIT_DEPARTMENT: for an image whose entry point takes no arguments (the Dockerfile's SERVICE_ENTRY).
const name = process.argv[2] ?? process.env.KIT_DEPARTMENT ?? '';
void runSubgraph<KitSubgraphOptions>({
  name,
  readOptions: (env) => {
    const port = env.integer('PORT', subgraphDescriptor(name).defaultPort, { max: 65_535 });
    return {
      vendor: {
        url: env.string('VENDOR_URL', `http://127.0.0.1:${vendorPortOf(port)}`),
        timeoutMs: env.integer('VENDOR_TIMEOUT_MS', 1_500, { min: 50, max: 60_000 }),
      },
    };
  },
  create: (options) => createKitSubgraph(name, options),
});
