import { Module } from '@nestjs/common';
import { TokenCounter } from './token-counter';

/**
 * Token counting on its own, so the message module can count tokens when a message is
 * written while the token-budget module reads messages back: no cycle between them.
 */
@Module({
  providers: [TokenCounter],
  exports: [TokenCounter],
})
export class TokenizerModule {}
