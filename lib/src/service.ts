/** A service's process shell: configuration, the registry file, logs, metrics, traces, HTTP, error formatting. */
export * from './config';
export * from './registryFile';
export * from './repoRoot';
export * from './logger';
export * from './requestContext';
export * from './perRequest';
export * from './metrics';
export * from './tracing';
export * from './http';
export * from './jsonErrors';
export * from './storeUnavailable';
export * from './formatError';
export * from './observeRequests';
export * from './operationLabel';
