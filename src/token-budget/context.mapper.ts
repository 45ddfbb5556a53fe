import { SessionContext } from './context.service';
import { ContextDto } from './dto/context.dto';

export function mapContext(context: SessionContext): ContextDto {
  return {
    model: context.model,
    encoding: context.encoding,
    budget: context.budget,
    totalTokens: context.totalTokens,
    tiers: context.tiers,
    messages: context.messages,
    manifest: { ...context.manifest },
  };
}
