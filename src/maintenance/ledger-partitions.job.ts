import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { partitionName } from '@/llm-tracking/ledger-months';
import { LedgerPartitionService } from '@/llm-tracking/ledger-partition.service';
import { JobContext, MaintenanceJob } from './maintenance-job';

/**
 * llm_requests' monthly partitions: the next LLM_REQUEST_PARTITIONS_AHEAD months made ahead,
 * months older than LLM_REQUEST_RETENTION_DAYS dropped whole. Each partition is one step.
 */
@Injectable()
export class LedgerPartitionsJob implements MaintenanceJob {
  readonly name = 'ledger-partitions';

  constructor(
    private readonly partitions: LedgerPartitionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(context: JobContext): Promise<Record<string, unknown>> {
    const { partitionsAhead, llmRequestRetentionDays } = this.config.maintenance;
    const plan = await this.partitions.plan(new Date(), partitionsAhead, llmRequestRetentionDays);
    let rowsFiledFromDefault = 0;
    let rowsDropped = 0;
    for (const month of plan.create) rowsFiledFromDefault += await context.batch(() => this.partitions.createMonth(month));
    for (const month of plan.drop) rowsDropped += await context.batch(() => this.partitions.dropMonth(month));
    return { created: plan.create.map(partitionName), dropped: plan.drop.map(partitionName), rowsFiledFromDefault, rowsDropped };
  }
}
