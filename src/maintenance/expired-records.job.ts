import { Injectable } from '@nestjs/common';
import { SessionLeaseService } from '@/chat/session-lease.service';
import { IdempotencyService } from '@/message/idempotency.service';
import { PersonalDataErasureService } from '@/profile/personal-data-erasure.service';
import { IdentityService } from '@/session/identity.service';
import { drain, JobContext, MaintenanceJob } from './maintenance-job';

/** Idempotency keys past their 24 hours, visitors with an expired cookie and no session (with their profiles), expired chat leases. */
@Injectable()
export class ExpiredRecordsJob implements MaintenanceJob {
  readonly name = 'expired-records';

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly identity: IdentityService,
    private readonly leases: SessionLeaseService,
    private readonly personalData: PersonalDataErasureService,
  ) {}

  async run(context: JobContext): Promise<Record<string, unknown>> {
    const idempotencyKeys = await drain(context, () => this.idempotency.deleteExpiredBatch(context.batchSize));
    const visitors = await drain(context, () => this.deleteExpiredVisitors(context.batchSize));
    const chatLeases = await drain(context, () => this.leases.deleteExpiredBatch(context.batchSize));
    return { idempotencyKeys, visitors, chatLeases };
  }

  /** A visitor that is gone takes its profile with it, in the same batch. */
  private async deleteExpiredVisitors(limit: number): Promise<number> {
    const owners = await this.identity.deleteExpiredVisitorsBatch(limit);
    if (owners.length > 0) await this.personalData.forgetProfilesOf(owners);
    return owners.length;
  }
}
