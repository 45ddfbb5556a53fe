import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { JOB_NAMES } from './maintenance-job';
import { MaintenanceRunner } from './maintenance-runner';

const CRON_NAME = 'maintenance';

/**
 * Runs every job, one after the other, at MAINTENANCE_CRON (UTC). Every replica's schedule
 * fires; the jobs' locks let one of them do each job. The expression comes from config, so
 * the cron job is registered here rather than with a @Cron decorator.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(
    private readonly runner: MaintenanceRunner,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const cronTime = this.config.maintenance.cron;
    if (cronTime === null) {
      this.logger.log('MAINTENANCE_CRON is off: maintenance jobs run only when an admin starts them');
      return;
    }
    const job = CronJob.from({ cronTime, timeZone: 'UTC', onTick: () => this.runAll(), waitForCompletion: true, start: false });
    this.registry.addCronJob(CRON_NAME, job);
    job.start();
    this.logger.log(`maintenance jobs scheduled at "${cronTime}" (UTC), next at ${job.nextDate().toUTC().toISO()}`);
  }

  /** Every job in turn; one failing does not keep the others from running. */
  async runAll(): Promise<void> {
    for (const name of JOB_NAMES) {
      await this.runner.run(name, 'schedule').catch((error: unknown) => this.logger.error(`${name}: could not run: ${(error as Error).message}`));
    }
  }
}
