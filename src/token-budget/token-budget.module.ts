import { Module } from '@nestjs/common';
import { MessageModule } from '@/message/message.module';
import { SessionModule } from '@/session/session.module';
import { ContextService } from './context.service';
import { TokenBudgetConfig } from './token-budget.config';
import { TokenBudgetController } from './token-budget.controller';
import { TokenizerModule } from '@/common/tokenizer/tokenizer.module';

@Module({
  imports: [SessionModule, MessageModule, TokenizerModule],
  controllers: [TokenBudgetController],
  providers: [ContextService, TokenBudgetConfig],
  exports: [ContextService, TokenBudgetConfig, TokenizerModule],
})
export class TokenBudgetModule {}
