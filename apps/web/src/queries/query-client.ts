import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';

/**
 * The cache of what the server answered, shared by every page. A refusal
 * (4xx) is shown at once: asking again would get the same answer. Only an
 * unreachable server or a server error is asked again, twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        // Live events keep open pages current (see realtime/); returning to the tab need not ask again.
        refetchOnWindowFocus: false,
        // What a page's route started reading as it opened (routes.tsx) is not read again when the page mounts.
        staleTime: 2_000,
      },
    },
  });
}
