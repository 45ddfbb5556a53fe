import { InitialSchema1763769600000 } from './1763769600000-initial-schema';
import { LlmRequests1763769700000 } from './1763769700000-llm-requests';
import { ChatLeases1763769800000 } from './1763769800000-chat-leases';
import { MaintenanceRuns1763769900000 } from './1763769900000-maintenance-runs';
import { PartitionLlmRequests1763770000000 } from './1763770000000-partition-llm-requests';
import { Profiles1763770100000 } from './1763770100000-profiles';

/** Every migration in order; listed as classes so source, build and tests load the same set. */
export const allMigrations = [
  InitialSchema1763769600000,
  LlmRequests1763769700000,
  ChatLeases1763769800000,
  MaintenanceRuns1763769900000,
  PartitionLlmRequests1763770000000,
  Profiles1763770100000,
];
