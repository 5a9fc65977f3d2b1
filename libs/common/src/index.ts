// Common owns what every lib shares: domain errors with stable codes, their
// mapping to HTTP, identifiers and the languages Plenary speaks.
export * from './errors/error-code';
export * from './errors/domain.error';
export * from './errors/retry-later.error';
export * from './errors/error.dto';
export * from './errors/http-error.filter';
export * from './ids';
export * from './validation';
export * from './secrets';
export * from './locale';
