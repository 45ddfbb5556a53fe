import { SessionContext } from './context.service';
import { ContextDto } from './dto/context.dto';

export function mapContext(context: SessionContext): ContextDto {
  return {
    model: context.model,
    encoding: context.encoding,
    budget: context.tiers.system.allocated + context.tiers.memory.allocated + context.tiers.history.allocated + context.tiers.reserve.allocated,
    totalTokens: context.totalTokens,
    tiers: context.tiers,
    messages: context.messages,
    manifest: { ...context.manifest },
  };
}
