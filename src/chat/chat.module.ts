import { Module } from '@nestjs/common';
import { LlmTrackingModule } from '@/llm-tracking/llm-tracking.module';
import { MessageModule } from '@/message/message.module';
import { SessionModule } from '@/session/session.module';
import { TokenBudgetModule } from '@/token-budget/token-budget.module';
import { ChatLeaseRepository } from './chat-lease.repository';
import { ChatUiController } from './chat-ui.controller';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { llmProviders } from './llm/llm.providers';
import { SessionLeaseService } from './session-lease.service';
import { TurnCompletion } from './turn-completion.service';
import { UiChatService } from './ui-chat.service';

@Module({
  imports: [SessionModule, MessageModule, TokenBudgetModule, LlmTrackingModule],
  controllers: [ChatController, ChatUiController],
  providers: [ChatService, UiChatService, TurnCompletion, SessionLeaseService, ChatLeaseRepository, ...llmProviders],
  exports: [ChatService, SessionLeaseService],
})
export class ChatModule {}
