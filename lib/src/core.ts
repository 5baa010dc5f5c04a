/** The policy core, pure (no file, database or network I/O; an import-graph test holds it to that): CPR, departments and data categories, the registry's facts, the rules of access, the category classifier, the federation's roles, typed errors. */
export * from './cpr';
export * from './departments';
export * from './registry';
export * from './actor';
export * from './representation';
export * from './representationPolicy';
export * from './accessPolicy';
export * from './consentApi';
export * from './errors';
export * from './categoryClassifier';
export * from './schemaDirectives';
export * from './findingField';
export * from './federationSdl';
export * from './federationRoles';
export * from './departmentScalar';
export * from './accessKind';
export * from './fieldUsage';
