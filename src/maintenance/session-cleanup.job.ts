import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { SessionService } from '@/session/session.service';
import { drain, JobContext, MaintenanceJob } from './maintenance-job';

/** Sessions idle for SESSION_RETENTION_DAYS go, with their messages, keys and lease. */
@Injectable()
export class SessionCleanupJob implements MaintenanceJob {
  readonly name = 'session-cleanup';

  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(context: JobContext): Promise<Record<string, unknown>> {
    const retentionDays = this.config.maintenance.sessionRetentionDays;
    const sessionsDeleted = await drain(context, () => this.sessions.deleteInactiveBatch(retentionDays, context.batchSize));
    return { retentionDays, sessionsDeleted };
  }
}
