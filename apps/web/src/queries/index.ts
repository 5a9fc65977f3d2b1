// What the web client reads from the server, cached and shared by TanStack Query.
export { createQueryClient } from './query-client';
export { queryKeys } from './query-keys';
export * from './queries';
