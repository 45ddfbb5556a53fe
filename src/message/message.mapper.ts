import { MessageDto } from './dto/message.dto';
import { MessageRow } from './message.repository';

export function mapMessage(row: MessageRow): MessageDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    seq: row.seq,
    role: row.role,
    content: row.content,
    metadata: row.metadata,
    toolsUsed: row.toolsUsed,
    toolCalls: row.toolCalls,
    toolCallId: row.toolCallId,
    tokenCount: row.tokenCount,
    processingTimeMs: row.processingTimeMs,
    hasError: row.hasError,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt,
  };
}
