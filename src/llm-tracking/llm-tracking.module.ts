import { Module } from '@nestjs/common';
import { SessionModule } from '@/session/session.module';
import { AdminUsageController } from './admin-usage.controller';
import { LedgerPartitionRepository } from './ledger-partition.repository';
import { LedgerPartitionService } from './ledger-partition.service';
import { LlmRequestRepository } from './llm-request.repository';
import { LlmTrackingService } from './llm-tracking.service';
import { priceTableProvider } from './price-table';
import { SessionUsageController } from './session-usage.controller';

/** llm_requests (and its monthly partitions), model prices, usage reports and exports. */
@Module({
  imports: [SessionModule],
  controllers: [SessionUsageController, AdminUsageController],
  providers: [LlmTrackingService, LlmRequestRepository, priceTableProvider, LedgerPartitionService, LedgerPartitionRepository],
  exports: [LlmTrackingService, LedgerPartitionService],
})
export class LlmTrackingModule {}
