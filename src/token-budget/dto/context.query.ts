import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalIntQuery } from '@/common/http/api-properties';

export class ContextQuery {
  @ApiPropertyOptional({ description: 'Model whose tokenizer counts the prompt (default: LLM_MODEL)', example: 'continuum-offline' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[\w.:/@-]+$/, { message: 'model must be a model name' })
  model?: string;

  @OptionalIntQuery('Total token budget (default: TOKEN_BUDGET_TOTAL)', 256, 2_000_000)
  budget?: number;
}
