/** A subgraph's bootstrap and a department's kit: the server, its start-up, the shared SDL, the department store, and the department's own coverage check. */
export * from './subgraphContext';
export * from './subgraphServer';
export * from './runSubgraph';
export * from './subgraphTrust';
export * from './subgraphs';
export * from './department/DepartmentStore';
export * from './department/SqliteDepartmentStore';
export * from './department/departmentResolvers';
export * from './department/caseSeed';
export * from './department/coverageCheck';
export * from './department/findingCheck';
export * from './department/DisclosureLog';
export * from './department/departmentCoverage';
export * from './department/kit/departmentMapping';
export * from './department/kit/vendorLookup';
export * from './department/kit/kitSubgraph';
