/** The demo personas of the design and synthetic citizens for load tests. */
export * from './personas';
export * from './synthetic';
