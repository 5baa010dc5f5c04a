/**
 * Everything lib has, layer by layer. Each layer is its own entry point too (`@enplan/lib/core`,
 * `…/service`, `…/protocol`, `…/storage`, `…/subgraph`, `…/demo`); a layer imports only the layers
 * listed before it (lib/src/layers.test.ts checks it), and the core does no I/O.
 */
export * from './core';
export * from './service';
export * from './protocol';
export * from './storage';
export * from './subgraph';
export * from './demo';
