import { Module } from '@nestjs/common';
import { TokenCounter } from './token-counter';

/**
 * Token counting, shared infrastructure that imports no module: the message module counts
 * a message when it is written, the token-budget module counts the prompt and memory when
 * it assembles a context (and reads messages through the message module), so the modules
 * form a one-way graph.
 */
@Module({
  providers: [TokenCounter],
  exports: [TokenCounter],
})
export class TokenizerModule {}
