import { Module } from '@nestjs/common';
import { MessageModule } from '@/message/message.module';
import { SessionModule } from '@/session/session.module';
import { ContextService } from './context.service';
import { MemorySources } from './memory-source';
import { TokenBudgetConfig } from './token-budget.config';
import { TokenBudgetController } from './token-budget.controller';
import { TokenizerModule } from '@/common/tokenizer/tokenizer.module';

@Module({
  imports: [SessionModule, MessageModule, TokenizerModule],
  controllers: [TokenBudgetController],
  providers: [ContextService, TokenBudgetConfig, MemorySources],
  exports: [ContextService, TokenBudgetConfig, TokenizerModule, MemorySources],
})
export class TokenBudgetModule {}
