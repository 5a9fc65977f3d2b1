// Common owns what every lib shares: domain errors with stable codes, their
// mapping to HTTP, and identifiers.
export * from './errors/error-code';
export * from './errors/domain.error';
export * from './errors/http-error.filter';
export * from './ids';
export * from './validation';
export * from './secrets';
