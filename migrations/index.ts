import { InitialSchema1763769600000 } from './1763769600000-initial-schema';

/** Every migration in order; listed as classes so source, build and tests load the same set. */
export const allMigrations = [InitialSchema1763769600000];
