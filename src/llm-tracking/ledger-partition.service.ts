import { Injectable } from '@nestjs/common';
import { addMonths, monthOfPartition, PartitionPlan, planPartitions } from './ledger-months';
import { LedgerPartitionRepository } from './ledger-partition.repository';

/**
 * The monthly partitions of llm_requests: months are made ahead of time and retired whole,
 * by dropping their partition, never by deleting rows. A DEFAULT partition takes any row no
 * month partition covers (so an insert never fails), until the next run files it.
 */
@Injectable()
export class LedgerPartitionService {
  constructor(private readonly partitions: LedgerPartitionRepository) {}

  /** Which months to create (the current one, `ahead` more, any waiting in the default) and which to drop. */
  async plan(now: Date, ahead: number, retentionDays: number): Promise<PartitionPlan> {
    const existing = (await this.partitions.listPartitionNames()).map(monthOfPartition).filter((month): month is Date => month !== null);
    return planPartitions(existing, await this.partitions.listMonthsInDefault(), now, ahead, retentionDays);
  }

  /**
   * Gives `month` its partition, moving in its rows from the default partition (how many is
   * returned). Run it in a transaction of its own.
   */
  createMonth(month: Date): Promise<number> {
    return this.partitions.createMonthPartition(month, addMonths(month, 1));
  }

  /** Drops `month`'s partition; returns the rows it held. Run it in a transaction of its own. */
  async dropMonth(month: Date): Promise<number> {
    const rows = await this.partitions.countRows(month);
    await this.partitions.dropMonthPartition(month);
    return rows;
  }
}
