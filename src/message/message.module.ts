import { Module } from '@nestjs/common';
import { SessionModule } from '@/session/session.module';
import { TokenizerModule } from '@/common/tokenizer/tokenizer.module';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { IdempotencyService } from './idempotency.service';
import { MessageController } from './message.controller';
import { MessageRepository } from './message.repository';
import { MessageService } from './message.service';
import { UserMessageListeners } from './user-message-listeners';

@Module({
  imports: [SessionModule, TokenizerModule],
  controllers: [MessageController],
  providers: [MessageService, MessageRepository, IdempotencyKeyRepository, IdempotencyService, UserMessageListeners],
  exports: [MessageService, IdempotencyService, UserMessageListeners],
})
export class MessageModule {}
