import { Identity1763900000000 } from './1763900000000-identity';
import { Summits1763910000000 } from './1763910000000-summits';

/** Every migration, in order. Listed explicitly so that builds and tests load the same set. */
export const MIGRATIONS = [Identity1763900000000, Summits1763910000000];
