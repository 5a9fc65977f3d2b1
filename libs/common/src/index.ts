// Common owns what every lib shares: domain errors with stable codes, their
// mapping to HTTP, identifiers, the languages Plenary speaks, the validation
// decorators and the inspection of untrusted JSON.
export * from './errors/error-code';
export * from './errors/domain.error';
export * from './errors/retry-later.error';
export * from './errors/error.dto';
export * from './errors/http-error.filter';
export * from './ids';
export * from './validation';
export * from './untrusted-json';
export * from './secrets';
export * from './locale';
