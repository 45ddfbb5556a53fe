import { Module, OnModuleInit } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ChatModule } from '@/chat/chat.module';
import { Metrics } from '@/common/metrics/metrics';
import { LlmTrackingModule } from '@/llm-tracking/llm-tracking.module';
import { MessageModule } from '@/message/message.module';
import { ProfileModule } from '@/profile/profile.module';
import { SessionModule } from '@/session/session.module';
import { ExpiredRecordsJob } from './expired-records.job';
import { JobLock } from './job-lock';
import { LedgerPartitionsJob } from './ledger-partitions.job';
import { MAINTENANCE_JOBS, MaintenanceJob } from './maintenance-job';
import { MaintenanceRunRepository } from './maintenance-run.repository';
import { MaintenanceRunner } from './maintenance-runner';
import { MaintenanceController } from './maintenance.controller';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { MaintenanceService } from './maintenance.service';
import { MessagePruningJob } from './message-pruning.job';
import { SessionCleanupJob } from './session-cleanup.job';

const JOBS = [SessionCleanupJob, MessagePruningJob, ExpiredRecordsJob, LedgerPartitionsJob];

/** Scheduled cleanup, pruning and ledger partitions, one replica at a time per job, with their run log. */
@Module({
  imports: [ScheduleModule.forRoot(), SessionModule, MessageModule, ChatModule, LlmTrackingModule, ProfileModule],
  controllers: [MaintenanceController],
  providers: [
    ...JOBS,
    { provide: MAINTENANCE_JOBS, inject: JOBS, useFactory: (...jobs: MaintenanceJob[]) => jobs },
    MaintenanceRunner,
    MaintenanceService,
    MaintenanceScheduler,
    MaintenanceRunRepository,
    JobLock,
  ],
  exports: [MaintenanceService],
})
export class MaintenanceModule implements OnModuleInit {
  constructor(
    private readonly runner: MaintenanceRunner,
    private readonly metrics: Metrics,
  ) {}

  /** Each finished run's rows and duration go to continuum_maintenance_rows_total and _duration_seconds. */
  onModuleInit(): void {
    this.runner.addListener({
      runFinished: (run) => {
        if (run.status !== 'skipped') this.metrics.maintenanceRun(run.job, run.rowsAffected, (run.durationMs ?? 0) / 1000);
      },
    });
  }
}
