import { Identity1763900000000 } from './1763900000000-identity';
import { Summits1763910000000 } from './1763910000000-summits';
import { Chat1763920000000 } from './1763920000000-chat';

/** Every migration, in order. Listed explicitly so that builds and tests load the same set. */
export const MIGRATIONS = [Identity1763900000000, Summits1763910000000, Chat1763920000000];
